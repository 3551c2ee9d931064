#!/usr/bin/env bash
# publishers.sh — sister news pages are set apart as publisher networks,
# not counted as coordinated inauthentic behaviour (graph.h "audience";
# docs/coordination.md "Publisher networks").
#
# synth's newsroom scenario (seed 1, 100,000 events) plants no farm: its
# only co-acting accounts are 6 media groups of 4 pages each that post
# every story through one tool.  Their posts are reshared by hundreds of
# ordinary accounts, none by the pages themselves, and the pages have
# 17,000 to 86,000 followers against a population median near 150.
# Five of the six groups (20 pages) are kept by the pair test; the sixth
# (u0001519's) is not once the url and text traces are measured per
# outlet (docs/coordination.md "Per source").  So: no cluster, 5
# publisher networks, 20 accounts, every one a news page in the truth
# file.  With --keep-publishers the same 20 pages are clusters again.
# The mixed scenario adds one farm of 24 accounts that raids news posts
# and amplifies its own: it stays a cluster (precision and recall 1.0),
# while 2 of its 3 sister-page groups (6 pages) are kept and set apart.
source "$CIBSCAN_TESTLIB"

"$CIBSCAN" synth --scenario newsroom --seed 1 --out "$WORK/n.csv" --truth "$WORK/n.truth"
"$CIBSCAN" detect --quiet --out "$WORK/n" "$WORK/n.csv"
expect_eq "newsroom: detect exit" 0 $?
expect_eq "newsroom: clusters" 0 "$(json "$WORK/n/report.json" "len(j['clusters'])")"
expect_eq "newsroom: publisher networks" 5 "$(json "$WORK/n/report.json" "len(j['publisher_networks'])")"
expect_eq "newsroom: set-apart accounts" 20 \
  "$(json "$WORK/n/report.json" "sum(p['size'] for p in j['publisher_networks'])")"
expect_eq "newsroom: parameters say so" True \
  "$(json "$WORK/n/report.json" "j['parameters']['publishers_set_apart']")"
# every set-apart account is a news page in the truth file, and the
# accounts.csv column names the same 20
kinds=$(python3 - "$WORK/n.truth" "$WORK/n/accounts.csv" <<'PY'
import csv, sys, collections
kind = {r['account_id']: r['kind'] for r in csv.DictReader(open(sys.argv[1]))}
rows = [r for r in csv.DictReader(open(sys.argv[2])) if r['publisher_network']]
print(len(rows), dict(collections.Counter(kind[r['account_id']] for r in rows)),
      sum(1 for r in rows if r['cluster_id']))
PY
)
expect_eq "newsroom: accounts.csv publisher_network" "20 {'news': 20} 0" "$kinds"
expect_eq "newsroom: audience shown" True \
  "$(json "$WORK/n/report.json" "all(p['engagement']['outside_engagers'] >= 10 * p['size'] and p['engagement']['from_members'] == 0 for p in j['publisher_networks'])")"
grep -q '<table id="publishers">' "$WORK/n/report.html"
expect_eq "newsroom: report.html has the publishers table" 0 $?
# the pages are in kept pairs, so in the network files, marked P<k>
expect_eq "newsroom: graphml publisher_network nodes" 20 \
  "$(grep -o '<data key="publisher_network">P[0-9]*</data>' "$WORK/n/network.graphml" | wc -l)"
expect_eq "newsroom: gexf publisher_network nodes" 20 \
  "$(grep -o '<attvalue for="publisher_network" value="P[0-9]*"/>' "$WORK/n/network.gexf" | wc -l)"

# nothing planted, nothing found: eval has nothing to measure, n/a
"$CIBSCAN" eval --truth "$WORK/n.truth" "$WORK/n/accounts.csv" --json "$WORK/n.json" >"$WORK/n.eval"
expect_eq "newsroom: eval figures null" "None None None None" \
  "$(json "$WORK/n.json" "' '.join(str(j[k]) for k in ('precision', 'recall', 'f1', 'ari'))")"
expect_match "newsroom: eval prints n/a" 'precision n/a  recall n/a  F1 n/a' "$(cat "$WORK/n.eval")"

"$CIBSCAN" detect --quiet --keep-publishers --out "$WORK/nk" "$WORK/n.csv"
expect_eq "newsroom --keep-publishers: clusters" 5 "$(json "$WORK/nk/report.json" "len(j['clusters'])")"
expect_eq "newsroom --keep-publishers: none set apart" 0 \
  "$(json "$WORK/nk/report.json" "len(j['publisher_networks'])")"
expect_eq "newsroom --keep-publishers: every cluster a publisher by its audience" True \
  "$(json "$WORK/nk/report.json" "all(c['engagement']['publisher'] for c in j['clusters'])")"

"$CIBSCAN" synth --scenario mixed --seed 1 --out "$WORK/m.csv" --truth "$WORK/m.truth"
"$CIBSCAN" detect --quiet --out "$WORK/m" "$WORK/m.csv"
"$CIBSCAN" eval --truth "$WORK/m.truth" "$WORK/m/accounts.csv" --json "$WORK/m.json" >/dev/null
expect_eq "mixed: precision" 1.0 "$(json "$WORK/m.json" "j['precision']")"
expect_eq "mixed: recall" 1.0 "$(json "$WORK/m.json" "j['recall']")"
expect_eq "mixed: pages set apart" 6 \
  "$(json "$WORK/m/report.json" "sum(p['size'] for p in j['publisher_networks'])")"
# the farm amplifies itself and nobody else engages with it
expect_eq "mixed: the farm's engagement is its own" "True False" \
  "$(json "$WORK/m/report.json" "' '.join(map(str, (j['clusters'][0]['engagement']['from_members'] == j['clusters'][0]['engagement']['received'] > 0, j['clusters'][0]['engagement']['publisher'])))")"
finish
