#!/usr/bin/env bash
# threads_same_output.sh — `detect --threads 1` and `--threads 2` write the
# same files byte for byte (issue 7): ingest then reads on a second thread
# while the first interns and stores, and coord runs traces on two
# threads; neither may change a single id, pair or cluster.  Checked on a
# synthetic input of about 60,000 events (some 60 ingest batches of 1,024
# rows) read as one file, and again split in two inputs, the second
# gzip-compressed.
source "$CIBSCAN_TESTLIB"

"$CIBSCAN" synth --events 60000 --seed 3 --out "$WORK/ev.csv" \
  --truth "$WORK/truth.csv" >/dev/null
expect_eq "synth exit" 0 $?

# same_output NAME INPUT...: detect with 1 and 2 threads, compare outputs
same_output() {
  local name=$1
  shift
  for t in 1 2; do
    "$CIBSCAN" detect --threads "$t" --out "$WORK/$name-$t" "$@" \
      >"$WORK/$name-$t.tally"
    expect_eq "$name: detect --threads $t exit" 0 $?
  done
  for f in accounts.csv edges.csv network.graphml report.json report.html; do
    if cmp -s "$WORK/$name-1/$f" "$WORK/$name-2/$f"; then pass; else
      fail "$name: $f differs between --threads 1 and --threads 2"
    fi
  done
  if cmp -s "$WORK/$name-1.tally" "$WORK/$name-2.tally"; then pass; else
    fail "$name: the tally differs between --threads 1 and --threads 2"
  fi
  # Not a comparison of two empty results: synth plants three operator
  # networks of 8 accounts (its truth file: N1, N2, N3), and detect finds
  # them (with, at times, a cluster of organic accounts besides).
  local n
  n=$(json "$WORK/$name-2/report.json" "len(j['clusters'])")
  if [ "$n" -ge 3 ]; then pass; else
    fail "$name: $n clusters, expected at least the 3 planted networks"
  fi
}

same_output one "$WORK/ev.csv"

# The header, 30,000 rows; then the header again and the rest, gzipped.
head -n 30001 "$WORK/ev.csv" >"$WORK/part1.csv"
{ head -n 1 "$WORK/ev.csv"; tail -n +30002 "$WORK/ev.csv"; } | gzip -c \
  >"$WORK/part2.csv.gz"
same_output two "$WORK/part1.csv" "$WORK/part2.csv.gz"
# Both halves hold every event of the one file.
expect_eq "two inputs: events" \
  "$(json "$WORK/one-1/report.json" "j['input']['events']")" \
  "$(json "$WORK/two-1/report.json" "j['input']['events']")"

finish
