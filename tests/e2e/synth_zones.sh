#!/usr/bin/env bash
# synth_zones.sh — the "zones" scenario plants four office farms over
# 2020-2021, which span four DST changes where the zone has them:
# Europe/Tirane (UTC+1, EU DST, lunch at 13), Africa/Lagos (UTC+1, no DST),
# Asia/Tehran (UTC+3:30, Iranian DST until 2022, Friday rest) and
# America/New_York (UTC-5, US DST, no lunch break).  Profiling each planted
# network with `cibscan rhythm --clusters` (the truth as a cluster file)
# must give each its standard offset, DST behaviour, rest days and the
# office pattern; the planted lunch dip (15% of an hour kept) gives
# lunch_dip >= 0.5, and no lunch break gives < 0.2 (issue 3's synthetic
# must-show).
source "$CIBSCAN_TESTLIB"

"$CIBSCAN" synth --scenario zones --seed 1 --out "$WORK/ev.csv" --truth "$WORK/truth.csv"
expect_eq "synth exit" 0 $?
{ echo account_id,cluster_id; tail -n +2 "$WORK/truth.csv" | cut -d, -f1,2 | grep ',N'; } > "$WORK/clusters.csv"
"$CIBSCAN" rhythm --clusters "$WORK/clusters.csv" --json "$WORK/ev.csv" > "$WORK/rhythm.json"
expect_eq "rhythm exit" 0 $?

# check NETWORK OFFSET DST REST LUNCH(>=|<) LIMIT
check() {
  local net=$1 offset=$2 dst=$3 rest=$4 op=$5 limit=$6
  local g="[g for g in j['groups'] if g['group'] == '$net'][0]"
  expect_eq "$net offset" "$offset" "$(json "$WORK/rhythm.json" "$g['utc_offset_hours']")"
  expect_eq "$net dst" "$dst" "$(json "$WORK/rhythm.json" "$g['dst']")"
  expect_eq "$net rest days" "$rest" "$(json "$WORK/rhythm.json" "' '.join($g['rest_days'])")"
  expect_eq "$net pattern" office "$(json "$WORK/rhythm.json" "$g['pattern']")"
  expect_eq "$net lunch dip $op $limit" True \
    "$(json "$WORK/rhythm.json" "$g['lunch_dip'] is not None and $g['lunch_dip'] $op $limit")"
}
check N1 1.0 True "Sat Sun" ">=" 0.5
check N2 1.0 False "Sat Sun" ">=" 0.5
check N3 3.5 True "Fri" ">=" 0.5
check N4 -5.0 True "Sat Sun" "<" 0.2
# Lagos is told from the CET zones by DST alone
expect_eq "N2 zone" Africa/Lagos "$(json "$WORK/rhythm.json" "[g for g in j['groups'] if g['group'] == 'N2'][0]['zone']")"
finish
