#!/usr/bin/env bash
# coord_watchlist.sh — --watchlist: a defanged list of domains and URLs
# flags the shares of them per cluster, and Meta's CIB indicator files
# (../shared/data/real/README.md section 8) load as watchlists.
source "$CIBSCAN_TESTLIB"
"$CIBSCAN" synth --seed 7 --out "$WORK/e.csv" --truth "$WORK/t.csv" >/dev/null
expect_eq "synth exit" 0 $?

# Watch the most shared domain of the demo's first cluster, defanged, and
# one URL of another domain of it, by a scheme-less defanged URL prefix.
"$CIBSCAN" detect --quiet --out "$WORK/o" "$WORK/e.csv"
read -r dom other < <(python3 - "$WORK/o/report.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))['clusters'][0]
print(c['amplified_domains'][0]['domain'], c['amplified_domains'][1]['domain'])
PY
)
printf '# known sites\n%s\nhxxps[:]//%s/\nnothing[.]example\n' \
  "${dom//./[.]}" "${other//./[.]}" >"$WORK/watch.txt"
"$CIBSCAN" detect --quiet --watchlist "$WORK/watch.txt" --out "$WORK/w" "$WORK/e.csv"
expect_eq "exit" 0 $?
R=$WORK/w/report.json
expect_eq "watchlist domains" 3 "$(json "$R" "j['parameters']['watchlist']['domains']")"
# The flagged shares of the first cluster are its members' links to the
# two watched domains, counted here from the events file.
expect_eq "flagged shares of C1" "$(python3 - "$WORK/e.csv" "$R" "$dom" "$other" <<'PY'
import csv, json, sys
from urllib.parse import urlsplit
j = json.load(open(sys.argv[2]))
members = set(j['clusters'][0]['accounts'])
watched = {sys.argv[3], sys.argv[4]}
n = 0
for r in csv.DictReader(open(sys.argv[1], newline='')):
    if r['account_id'] in members:
        for u in r['url'].replace('|', ' ').split():
            h = urlsplit(u).hostname or ''
            h = h[4:] if h.startswith('www.') else h
            n += any(h == w or h.endswith('.' + w) for w in watched)
print(n)
PY
)" "$(json "$R" "j['clusters'][0]['watchlist']['shares']")"
expect_eq "C1 watched accounts" 8 "$(json "$R" "j['clusters'][0]['watchlist']['accounts']")"
# report.html says the same in C1's evidence: "N shares of watched
# domains or URLs by 8 accounts", N as in report.json
shares=$(json "$R" "'{:,}'.format(j['clusters'][0]['watchlist']['shares'])")
line=$(python3 - "$WORK/w/report.html" <<'PY'
import re, sys
h = open(sys.argv[1], encoding='utf-8').read()
c1 = h[h.index('id="C1"'):]
c1 = c1[:c1.index('</section>')]
m = re.search(r'<p class="small" data-watchlist>Watchlist: ([0-9,]+) shares of watched domains or URLs by ([0-9,]+) accounts', c1)
print(m.group(1), m.group(2) if m else '')
PY
)
expect_eq "report.html: C1 watchlist line" "$shares 8" "$line"

# Meta's files load: their figures are those of the unit test
# (tests/normalize/test_watchlist.c).
M=meta_cib_indicators
need_shared "$M/Q2_2023_doppelganger_russia.csv"
"$CIBSCAN" detect --quiet --watchlist "$SHARED/$M/Q2_2023_doppelganger_russia.csv" \
  --out "$WORK/m" "$WORK/e.csv"
expect_eq "doppelganger list exit" 0 $?
expect_eq "doppelganger domains" 5952 "$(json "$WORK/m/report.json" "j['parameters']['watchlist']['domains']")"
expect_eq "doppelganger urls" 330 "$(json "$WORK/m/report.json" "j['parameters']['watchlist']['urls']")"
"$CIBSCAN" detect --quiet --watchlist "$SHARED/$M/2022_09_cib_china_russia.csv" \
  --out "$WORK/m2" "$WORK/e.csv"
expect_eq "china/russia list domains" 312 "$(json "$WORK/m2/report.json" "j['parameters']['watchlist']['domains']")"

# a missing watchlist fails before the input is read (exit 3, I/O)
"$CIBSCAN" detect --quiet --watchlist "$WORK/none.txt" --out "$WORK/x" "$WORK/e.csv" 2>"$WORK/x.err"
expect_eq "missing watchlist exit" 3 $?
expect_match "missing watchlist message" "none\.txt" "$(cat "$WORK/x.err")"
finish
