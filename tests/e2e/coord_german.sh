#!/usr/bin/env bash
# coord_german.sh — the German 2021 election posts of the CooRTweet
# package (../shared/data/real/README.md section 4) with three traces at
# once: links (url_id), hashtags (hashtag_id) and images (phash_id), the
# multimodal analysis Righetti & Balluff describe.  The ids are anonymised
# integers, so canonical URLs are the ids themselves.
#
# This run (default options: W = 60 s, the pair test at FDR 0.05): 1,092
# pairs, 61 clusters of 345 accounts; 51 of Facebook accounts only, 8 of
# Twitter accounts only, 2 across platforms; 5 clusters hold evidence on
# all three traces, 28 on two or more.  --window auto estimates 18 s.
source "$CIBSCAN_TESTLIB"
DE1=coortweet/german_elections_part1.csv
DE2=coortweet/german_elections_part2.csv
need_shared "$DE1"; need_shared "$DE2"
map=account_id=account_id,time=timestamp,url=url_id,hashtags=hashtag_id,image=phash_id,post_id=post_id

"$CIBSCAN" detect --quiet --map "$map" --out "$WORK/de" "$SHARED/$DE1" "$SHARED/$DE2"
expect_eq "exit" 0 $?
R=$WORK/de/report.json
expect_eq "traces" "['url', 'hashtag', 'image']" "$(json "$R" "j['parameters']['traces']")"
expect_eq "test applied" True "$(json "$R" "j['stats']['significance']['applied']")"
read -r n_clusters accounts three multi cross < <(python3 - "$R" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
cl = j['clusters']
traces = [[t for t, v in c['evidence'].items() if v['pairs']] for c in cl]
cross = sum(len({a[:3] for a in c['accounts']}) > 1 for c in cl)
print(len(cl), sum(c['size'] for c in cl), sum(len(t) == 3 for t in traces),
      sum(len(t) >= 2 for t in traces), cross)
PY
)
# this run: 61 clusters of 345 accounts
if [ "$n_clusters" -ge 40 ]; then pass; else fail "clusters: $n_clusters < 40"; fi
if [ "$accounts" -ge 250 ]; then pass; else fail "clustered accounts: $accounts < 250"; fi
# url, hashtag and image evidence together (this run: 5 clusters with all
# three, 28 with two or more)
if [ "$three" -ge 1 ]; then pass; else fail "no cluster with all three traces"; fi
if [ "$multi" -ge 10 ]; then pass; else fail "clusters with >= 2 traces: $multi < 10"; fi
# every kept edge has its p-value, below the test's cut
expect_eq "edges with a p-value at most the cut" yes "$(python3 - "$WORK/de/edges.csv" "$R" <<'PY'
import csv, json, sys, math
cut = json.load(open(sys.argv[2]))['stats']['significance']['log10_p_cut']
def log10(x):
    v = float(x)
    return math.log10(v) if v > 0 else float(x.split('e')[1])
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
print('yes' if rows and all(r['p_value'] and r['q_value'] and
                            log10(r['p_value']) <= cut + 1e-9 for r in rows) else 'no')
PY
)"

# --window auto: CooRnet's estimate, reported with its method
"$CIBSCAN" detect --quiet --window auto --map "$map" --out "$WORK/auto" "$SHARED/$DE1" "$SHARED/$DE2"
expect_eq "auto exit" 0 $?
A=$WORK/auto/report.json
expect_eq "window_auto" True "$(json "$A" "j['parameters']['window_auto']")"
expect_match "estimate method" "CooRnet" "$(json "$A" "j['parameters']['window_estimate']['method']")"
# this run: 18 s, from the 10% quickest of the links, hashtags shared by
# two or more accounts; times are in whole seconds (resolution 1)
expect_eq "estimated window" "$(json "$A" "j['parameters']['window_estimate']['coornet_s']")" \
  "$(json "$A" "j['parameters']['window_s']")"
expect_eq "resolution" 1 "$(json "$A" "j['parameters']['window_estimate']['resolution_s']")"
w=$(json "$A" "j['parameters']['window_s']")
if [ "$w" -ge 5 ] && [ "$w" -le 60 ]; then pass; else fail "estimated window $w s"; fi
finish
