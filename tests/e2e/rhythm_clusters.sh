#!/usr/bin/env bash
# rhythm_clusters.sh — `cibscan rhythm --clusters accounts.csv` profiles
# exactly the clusters of a detect run: one group per cluster id, holding
# the events of that cluster's accounts (accounts.csv's own event counts),
# and nothing for accounts outside every cluster.  Also: an output path
# that is a device is written in place, never replaced.
source "$CIBSCAN_TESTLIB"

"$CIBSCAN" synth --seed 7 --out "$WORK/ev.csv" --truth "$WORK/truth.csv" || fail "synth"
"$CIBSCAN" detect --quiet "$WORK/ev.csv" --out "$WORK/out" || fail "detect"
"$CIBSCAN" rhythm --json --clusters "$WORK/out/accounts.csv" "$WORK/ev.csv" > "$WORK/r.json"
expect_eq "rhythm exit" 0 $?

expected=$(python3 - "$WORK/out/accounts.csv" <<'PY'
import csv, sys, collections
events = collections.Counter()
for r in csv.DictReader(open(sys.argv[1], newline='')):
    if r['cluster_id']:
        events[r['cluster_id']] += int(r['events'])
print(sorted(events.items()))
PY
)
got=$(json "$WORK/r.json" "sorted((g['group'], g['events']) for g in j['groups'])")
expect_eq "groups and their events" "$expected" "$got"

# /dev/null as an output stays a character device (as root, a rename over
# it would replace it with a regular file).
"$CIBSCAN" eval --truth "$WORK/truth.csv" "$WORK/out/accounts.csv" --json /dev/null > /dev/null
expect_eq "eval --json /dev/null exit" 0 $?
if [ -c /dev/null ]; then pass; else fail "/dev/null is no longer a device"; fi
finish
