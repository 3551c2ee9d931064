#!/usr/bin/env bash
# jsonl_twitter.sh — JSON Lines input end to end: the raw Twitter v1.1
# stream sample (../shared/data/real/README.md section 7) through detect
# (auto-detected, gzip, stdin, zstd) and rhythm, and a hand-made file
# (tests/data/ingest/retweet_ring.jsonl) whose retweet ring is found.
source "$CIBSCAN_TESTLIB"
S=twitter_stream_sample_2019/api-stream-small.json.gz
need_shared "$S"

# Figures computed with python3's json module over the same file (and
# checked again below):
#   681 events   one tweet object per line, no control messages, none bad
#   677 accounts distinct user.id_str (README: "681 tweets from 677 users")
#   523 events with an object: 328 retweets (retweeted_status; README's
#       328), then 115 replies (in_reply_to_status_id_str) and 80 quotes
#       (quoted_status_id_str) among the rest; 158 plain posts
#   101 events with a URL: extended_tweet.entities when the tweet has it
#       (README's 160 counts top-level entities, where 59 of the 74
#       truncated tweets have only the twitter.com/i/web/status self link)
#   110 events with a hashtag, by the same entities
"$CIBSCAN" detect --quiet --out "$WORK/s" "$SHARED/$S"
expect_eq "sample: exit" 0 $?
R=$WORK/s/report.json
expect_eq "sample: events" 681 "$(json "$R" "j['input']['events']")"
expect_eq "sample: accounts" 677 "$(json "$R" "j['input']['accounts']")"
expect_eq "sample: rejected" 0 "$(json "$R" "j['input']['rejected_rows']")"
expect_eq "sample: first" 2019-09-28T18:05:23Z "$(json "$R" "j['input']['first_time']")"
expect_eq "sample: last" 2019-09-28T18:15:22Z "$(json "$R" "j['input']['last_time']")"
expect_eq "sample: object events" 523 "$(json "$R" "j['stats']['traces']['object']['events']")"
expect_eq "sample: url events" 101 "$(json "$R" "j['stats']['traces']['url']['events']")"
expect_eq "sample: hashtag events" 110 "$(json "$R" "j['stats']['traces']['hashtag']['events']")"
expect_eq "sample: accounts.csv rows" 677 "$(($(wc -l <"$WORK/s/accounts.csv") - 1))"

# The same figures from the file itself, without cibscan.
expect_eq "sample: python figures" "681 677 328 523 101 110" "$(python3 - "$SHARED/$S" <<'PY'
import gzip, json, sys
t = [json.loads(l) for l in gzip.open(sys.argv[1], 'rt') if l.strip()]
ents = lambda r: (r.get('extended_tweet') or r).get('entities', {})
rt = sum('retweeted_status' in r for r in t)
obj = sum('retweeted_status' in r or bool(r.get('quoted_status_id_str'))
          or bool(r.get('in_reply_to_status_id_str')) for r in t)
print(len(t), len({r['user']['id_str'] for r in t}), rt, obj,
      sum(bool(ents(r).get('urls')) for r in t),
      sum(bool(ents(r).get('hashtags')) for r in t))
PY
)"

# Standard input, and zstd, read the same; --format jsonl says it outright.
zcat "$SHARED/$S" | "$CIBSCAN" detect --quiet --format jsonl --out "$WORK/in" -
expect_eq "stdin: exit" 0 $?
expect_eq "stdin: events" 681 "$(json "$WORK/in/report.json" "j['input']['events']")"
if command -v zstd >/dev/null; then
  zcat "$SHARED/$S" | zstd -q -o "$WORK/s.jsonl.zst"
  "$CIBSCAN" detect --quiet --out "$WORK/z" "$WORK/s.jsonl.zst"
  expect_eq "zstd: accounts" 677 "$(json "$WORK/z/report.json" "j['input']['accounts']")"
fi

# rhythm reads it too: grouped by the top-level "lang" key, the README's
# languages (en 305, pt 87, es 70).
"$CIBSCAN" rhythm --json --group-by lang "$SHARED/$S" >"$WORK/r.json"
expect_eq "rhythm: exit" 0 $?
expect_eq "rhythm: en pt es" "305 87 70" "$(json "$WORK/r.json" \
  "' '.join(str(g['events']) for g in j['groups'] if g['group'] in ('en', 'pt', 'es'))")"
expect_eq "rhythm: all events" 681 "$(json "$WORK/r.json" "sum(g['events'] for g in j['groups'])")"

# The hand-made ring: src posts p1, p2, p3 ten minutes apart; r1, r2 and r3
# retweet each two minutes later within 2 s of one another (object and
# text co-actions on 3 posts, over --min-repeat 2), o1 retweets p1 43
# minutes after them, page9 (an activity object) posts once; a delete and
# a limit message are skipped.  14 events, 6 accounts; with
# --no-significance the one cluster is r1, r2, r3 (src's posts are 2 min
# from the retweets, outside the 60 s window).
RING=$CIBSCAN_TESTDATA/ingest/retweet_ring.jsonl
"$CIBSCAN" detect --quiet --no-significance --out "$WORK/g" "$RING"
expect_eq "ring: exit" 0 $?
G=$WORK/g/report.json
expect_eq "ring: events" 14 "$(json "$G" "j['input']['events']")"
expect_eq "ring: accounts" 6 "$(json "$G" "j['input']['accounts']")"
expect_eq "ring: rejected" 0 "$(json "$G" "j['input']['rejected_rows']")"
# the delete and the limit message: passed over, counted in report.json
expect_eq "ring: skipped lines" 2 "$(json "$G" "j['input']['skipped_lines']")"
expect_eq "ring: clusters" 1 "$(json "$G" "len(j['clusters'])")"
expect_eq "ring: members" "r1 r2 r3" "$(json "$G" "' '.join(sorted(j['clusters'][0]['accounts']))")"
expect_eq "ring: object events" 10 "$(json "$G" "j['stats']['traces']['object']['events']")"
"$CIBSCAN" rhythm --json "$RING" >"$WORK/gr.json"
expect_eq "ring: rhythm events" 14 "$(json "$WORK/gr.json" "j['groups'][0]['events']")"

# A bad line is a rejected row named FILE:LINE; --strict makes it exit 2;
# --map with JSON Lines is a usage error (exit 1).
{ head -n 3 "$RING"; echo '{"account_id": "x", "time": "soon"}'; } >"$WORK/bad.jsonl"
"$CIBSCAN" detect --quiet --out "$WORK/b" "$WORK/bad.jsonl" 2>"$WORK/b.err"
expect_eq "bad: exit" 0 $?
expect_eq "bad: rejected" 1 "$(json "$WORK/b/report.json" "j['input']['rejected_rows']")"
expect_match "bad: warning" "bad\.jsonl:4: field 'time': 'soon' is not a time; row rejected" "$(cat "$WORK/b.err")"
"$CIBSCAN" detect --quiet --strict --out "$WORK/b2" "$WORK/bad.jsonl" 2>"$WORK/b2.err"
expect_eq "strict: exit" 2 $?
expect_match "strict: message" "bad\.jsonl:4: field 'time'" "$(cat "$WORK/b2.err")"
"$CIBSCAN" detect --quiet --map account_id=user --out "$WORK/m" "$RING" 2>"$WORK/m.err"
expect_eq "map: exit" 1 $?
expect_match "map: message" "JSON Lines" "$(cat "$WORK/m.err")"
finish
