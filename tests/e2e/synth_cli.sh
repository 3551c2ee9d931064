#!/usr/bin/env bash
# synth_cli.sh — `cibscan synth` as a command: the same seed gives the same
# bytes and another seed other bytes, --events sets the size, the truth
# file has CONTRACT.md's two columns first, every scenario runs, bad flags
# are usage errors (exit 1) naming the flag, and the output reads back
# into `detect` without a rejected row.
source "$CIBSCAN_TESTLIB"

S="$CIBSCAN synth --events 20000 --days 60"
$S --seed 3 --out "$WORK/a.csv" --truth "$WORK/a_truth.csv"
expect_eq "synth exit" 0 $?
$S --seed 3 --out "$WORK/b.csv" --truth "$WORK/b_truth.csv"
if cmp -s "$WORK/a.csv" "$WORK/b.csv" && cmp -s "$WORK/a_truth.csv" "$WORK/b_truth.csv"; then
  pass; else fail "same seed, different bytes"; fi
$S --seed 4 --out "$WORK/c.csv"
if cmp -s "$WORK/a.csv" "$WORK/c.csv"; then fail "other seed, same bytes"; else pass; fi

# about 20,000 events (the budget's expectation; Poisson noise is ~1%)
rows=$(( $(wc -l < "$WORK/a.csv") - 1 ))
if [ "$rows" -ge 18000 ] && [ "$rows" -le 22000 ]; then pass; else
  fail "--events 20000 gave $rows rows"; fi
expect_eq "truth header" "account_id,network_id,kind,operator" "$(head -1 "$WORK/a_truth.csv")"
# the office scenario plants three networks of 8 accounts, N1 to N3
for n in N1 N2 N3; do
  expect_eq "planted accounts of $n" 8 "$(grep -c ",$n,farm," "$WORK/a_truth.csv")"
done

# the events read back whole
"$CIBSCAN" detect --quiet --out "$WORK/rep" "$WORK/a.csv"
expect_eq "detect exit" 0 $?
expect_eq "rejected rows" 0 "$(json "$WORK/rep/report.json" "j['input']['rejected_rows']")"
expect_eq "events read" "$rows" "$(json "$WORK/rep/report.json" "j['input']['events']")"

# every scenario runs, and --list-scenarios names them all
expect_eq "scenarios listed" 7 "$("$CIBSCAN" synth --list-scenarios | wc -l)"
for s in office zones small clock bursts newsroom mixed; do
  "$CIBSCAN" synth --scenario "$s" --events 5000 --days 30 --out "$WORK/s_$s.csv" --truth "$WORK/s_$s.truth"
  expect_eq "scenario $s exit" 0 $?
done
# the bursts and newsroom scenarios plant nothing
expect_eq "bursts: no network" 0 "$(cut -d, -f2 "$WORK/s_bursts.truth" | grep -c '^N')"
expect_eq "zones: four networks" "N1 N2 N3 N4" \
  "$(cut -d, -f2 "$WORK/s_zones.truth" | grep '^N' | sort -u | tr '\n' ' ' | sed 's/ $//')"

# a network spec and a device as output (written in place, not replaced)
"$CIBSCAN" synth --events 3000 --days 20 --network zone=Asia/Tehran,rest=Fri,lang=fa \
  --network zone=America/New_York,lunch=none,accounts=8,operators=2 --out /dev/null --truth "$WORK/n.truth"
expect_eq "two networks" 2 "$(cut -d, -f2 "$WORK/n.truth" | grep '^N' | sort -u | wc -l)"
if [ -c /dev/null ]; then pass; else fail "/dev/null is no longer a device"; fi

# usage errors: exit 1 and the flag named
usage() {
  local name=$1 regex=$2; shift 2
  "$CIBSCAN" synth "$@" --out "$WORK/u.csv" 2>"$WORK/u.err"
  expect_eq "$name: exit" 1 $?
  expect_match "$name: message" "$regex" "$(cat "$WORK/u.err")"
  if [ -e "$WORK/u.csv" ]; then fail "$name: wrote output"; rm -f "$WORK/u.csv"; else pass; fi
}
usage unknown_scenario "scenario 'nope'" --scenario nope
usage bad_events "--events" --events 0
usage bad_share "--news-share" --news-share 2
usage bad_zone "Mars/Base" --network zone=Mars/Base
usage bad_key "colour" --network colour=red
usage bad_rest "rest" --network rest=Caturday
usage bad_mix "--mix" --mix 1,2
usage shares_too_big "5%" --network share=0.9 --news-share 0.1
usage bad_campaign "--campaign-size" --campaign-size 5-2
finish
