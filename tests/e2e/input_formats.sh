#!/usr/bin/env bash
# input_formats.sh — report.json names the format each input was read
# as, and detect notes on stderr that the pair test measures the accounts
# of a takedown release against each other (docs/usage.md "Files of
# suspects only").  Inputs: the hand-made 4-row twitter-io sample, the
# activity sample and the JSON Lines ring of tests/data/ingest.
source "$CIBSCAN_TESTLIB"
D=$TESTDATA/ingest

"$CIBSCAN" detect --out "$WORK/t" "$D/twitter_io_sample.csv" >/dev/null 2>"$WORK/t.err"
expect_eq "twitter-io: exit" 0 $?
expect_eq "twitter-io: input.formats" "['twitter-io']" "$(json "$WORK/t/report.json" "j['input']['formats']")"
expect_match "twitter-io: the release note" "information-operation release.*--no-significance" "$(cat "$WORK/t.err")"

# no note without the test, nor with --quiet
"$CIBSCAN" detect --no-significance --out "$WORK/t2" "$D/twitter_io_sample.csv" >/dev/null 2>"$WORK/t2.err"
expect_eq "plain rule: no note" 0 "$(grep -c 'information-operation release' "$WORK/t2.err")"
"$CIBSCAN" detect --quiet --out "$WORK/t3" "$D/twitter_io_sample.csv" 2>"$WORK/t3.err"
expect_eq "--quiet: no note" 0 "$(grep -c 'information-operation release' "$WORK/t3.err")"

# two files, two formats, in the order of cib_format
"$CIBSCAN" detect --out "$WORK/m" "$D/retweet_ring.jsonl" "$D/activity_full.csv" >/dev/null 2>"$WORK/m.err"
expect_eq "mixed inputs: exit" 0 $?
expect_eq "mixed inputs: input.formats" "['activity', 'jsonl']" "$(json "$WORK/m/report.json" "j['input']['formats']")"
expect_eq "no release: no note" 0 "$(grep -c 'information-operation release' "$WORK/m.err")"
finish
