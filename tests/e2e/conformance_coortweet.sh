#!/usr/bin/env bash
# conformance_coortweet.sh — the plain co-action rule reproduces the pair
# and account counts the data README states for the CooRTweet benchmark
# files (../shared/data/real/README.md, section 4, "Computed here, as a
# simple pair count").
source "$CIBSCAN_TESTLIB"

# pairs_and_accounts OUT_DIR -> "PAIRS ACCOUNTS" from edges.csv
pairs_and_accounts() {
  python3 - "$1/edges.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
accounts = {r['source'] for r in rows} | {r['target'] for r in rows}
print(len(rows), len(accounts))
PY
}

RU=coortweet/russian_coord_tweets.csv
need_shared "$RU"
map='account_id=account_id,time=timestamp_share,object_id=object_id'

# Co-retweets of one object within 60 s on >= 2 objects: 32 pairs, 58 accounts.
"$CIBSCAN" detect --quiet --no-significance --map "$map" --traces object \
  --window 60 --min-repeat 2 --out "$WORK/ru60" "$SHARED/$RU"
expect_eq "russian W=60 exit" 0 $?
expect_eq "russian W=60 pairs and accounts" "32 58" "$(pairs_and_accounts "$WORK/ru60")"
# 35,125 rows, one of them an exact repeat of an earlier row (counted once)
expect_eq "russian events" 35124 "$(json "$WORK/ru60/report.json" "j['input']['events']")"
expect_eq "russian duplicate rows" 1 "$(json "$WORK/ru60/report.json" "j['input']['duplicate_rows']")"
expect_eq "russian accounts" 9509 "$(json "$WORK/ru60/report.json" "j['input']['accounts']")"

# Within 10 s: 2 pairs.
"$CIBSCAN" detect --quiet --no-significance --map "$map" --traces object \
  --window 10 --min-repeat 2 --out "$WORK/ru10" "$SHARED/$RU"
expect_eq "russian W=10 pairs" 2 "$(pairs_and_accounts "$WORK/ru10" | cut -d' ' -f1)"

# German election posts, the two parts read together, same url_id within
# 30 s on >= 2 urls: 925 pairs, 358 accounts.
DE1=coortweet/german_elections_part1.csv
DE2=coortweet/german_elections_part2.csv
need_shared "$DE1"; need_shared "$DE2"
"$CIBSCAN" detect --quiet --no-significance \
  --map account_id=account_id,time=timestamp,url=url_id,post_id=post_id \
  --traces url --window 30 --min-repeat 2 --out "$WORK/de" \
  "$SHARED/$DE1" "$SHARED/$DE2"
expect_eq "german exit" 0 $?
expect_eq "german W=30 pairs and accounts" "925 358" "$(pairs_and_accounts "$WORK/de")"
# "None of those pairs crosses platforms" (fb_ and tw_ id prefixes)
expect_eq "german cross-platform pairs" 0 "$(python3 -c '
import csv, sys
rows = csv.DictReader(open(sys.argv[1], newline=""))
print(sum(r["source"][:3] != r["target"][:3] for r in rows))' "$WORK/de/edges.csv")"
# 103,473 + 115,498 = 218,971 rows; 24,177 repeat an earlier row in every
# column and 468 more repeat one in the four columns read (the same post
# again with another hashtag_id / domain_id / phash_id): 24,645 counted once
# (checked with Python's csv module on the two files)
expect_eq "german events" 194326 "$(json "$WORK/de/report.json" "j['input']['events']")"
expect_eq "german duplicate rows" 24645 "$(json "$WORK/de/report.json" "j['input']['duplicate_rows']")"

finish
