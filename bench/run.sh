#!/usr/bin/env bash
# bench/run.sh — how fast `cibscan detect` is on this machine (issue 7).
#
# Generates synthetic activity with `cibscan synth` (1M and 10M events by
# default, every trace present, text included), the 1M events again in the
# twitter-io release layout (bench/to_twitter_io.py) and gzip-compressed,
# runs `detect --profile` on each and prints a markdown table: events, input
# size, seconds per stage, events per second and peak resident memory
# (getrusage, from --profile).  Beside each input, the time of `wc -l` over
# the same (cached) bytes, after `gzip -dc` for the compressed one, is the
# floor no reader of the file can beat.
#
# Per-trace seconds: coord runs the traces together (in parallel with
# --threads > 1), so each trace's own cost is measured by one more run
# with `--traces T --threads 1` and taken from its coord line
# (BENCH_PER_TRACE=0 skips these runs, a number N > 1 makes them only for
# inputs of at most N events: each costs a whole ingest and normalize).  Rhythm profiles are made inside
# the report stage, so "report" includes them.
#
# usage: bench/run.sh            (after `make`)
# environment: CIBSCAN (default build/cibscan), BENCH_DIR (scratch folder,
#   default /tmp/cibscan-bench, keeps the generated inputs for reruns),
#   BENCH_SIZES (default "1000000 10000000"), BENCH_THREADS (default:
#   nproc), BENCH_PER_TRACE (default 1), BENCH_SEED (default 1).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
CIBSCAN=${CIBSCAN:-$here/../build/cibscan}
DIR=${BENCH_DIR:-/tmp/cibscan-bench}
SIZES=${BENCH_SIZES:-"1000000 10000000"}
THREADS=${BENCH_THREADS:-$(nproc)}
PER_TRACE=${BENCH_PER_TRACE:-1}
SEED=${BENCH_SEED:-1}
TRACES="url object text hashtag network"

[ -x "$CIBSCAN" ] || { echo "bench: no binary at $CIBSCAN (run make)" >&2; exit 1; }
mkdir -p "$DIR"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
mib() { awk -v b="$(stat -L -c %s "$1")" 'BEGIN { printf "%.0f", b / 1048576 }'; }

# input FILE: generated once per size and seed, reused by later runs
synth_input() {
  local n=$1 f=$DIR/synth-$1-s$SEED.csv
  if [ ! -s "$f" ]; then
    local t0; t0=$(now)
    "$CIBSCAN" synth --events "$n" --seed "$SEED" --out "$f.tmp" \
      --truth "$DIR/truth-$n-s$SEED.csv" >/dev/null
    mv "$f.tmp" "$f"
    echo "synth: $n events in $(secs "$t0" "$(now)") s, $(mib "$f") MiB" >&2
  fi
  echo "$f"
}

# stage SECONDS from a --profile log
stage() { awk -v s="$2" '$3 == s { print $4 }' "$1"; }
peak() { awk '$3 == "total" { print $7 }' "$1"; }

# run NAME FILE EVENTS-LABEL: one table row
run() {
  local name=$1 file=$2 log=$DIR/$1.profile
  cat "$file" >/dev/null # into the page cache, as for the floor below
  local t0; t0=$(now)
  case $file in
  *.gz) gzip -dc "$file" | wc -l >/dev/null ;;
  *) wc -l <"$file" >/dev/null ;;
  esac
  local floor; floor=$(secs "$t0" "$(now)")
  "$CIBSCAN" detect --quiet --profile --threads "$THREADS" \
    --out "$DIR/out-$name" "$file" 2>"$log"
  local events total
  events=$(awk '/events, / { print $3 }' "$log")
  total=$(stage "$log" total)
  local per=""
  for t in $TRACES; do
    if [ "$PER_TRACE" = 1 ] || { [ "$PER_TRACE" -gt 1 ] && [ "$events" -le "$PER_TRACE" ]; }; then
      "$CIBSCAN" detect --quiet --profile --threads 1 --traces "$t" \
        --out "$DIR/out-$name-$t" "$file" 2>"$log.$t"
      per="$per | $(stage "$log.$t" coord)"
    else
      per="$per | -"
    fi
  done
  printf '| %s | %s | %s | %s | %s | %s%s | %s | %s | %s | %s | %s | %s |\n' \
    "$name" "$events" "$(mib "$file")" "$floor" "$(stage "$log" ingest)" \
    "$(stage "$log" normalize)" "$per" "$(stage "$log" coord)" \
    "$(stage "$log" graph)" "$(stage "$log" report)" "$total" \
    "$(awk -v e="$events" -v t="$total" 'BEGIN { printf "%.0f", e / t }')" \
    "$(peak "$log")"
}

echo "cibscan bench: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; detect --threads $THREADS; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| input | events | MiB | wc -l s | ingest s | normalize s | url s | object s | text s | hashtag s | network s | coord s | graph s | report+rhythm s | total s | events/s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
first=""
for n in $SIZES; do
  f=$(synth_input "$n")
  [ -n "$first" ] || first=$f
  run "synth-$n" "$f"
done
# the first size again: in the twitter-io layout, and gzip-compressed
n=${SIZES%% *}
tio=$DIR/twitter-io-$n-s$SEED.csv
[ -s "$tio" ] || python3 "$here/to_twitter_io.py" "$first" "$tio"
run "twitter-io-$n" "$tio"
gz=$first.gz
[ -s "$gz" ] || gzip -1 -c "$first" >"$gz"
run "synth-$n.gz" "$gz"
echo
echo "Stage seconds are wall time from detect --profile (coord: all traces on $THREADS threads; the per-trace columns: coord alone, one trace, one thread). \"wc -l s\": counting the lines of the same cached bytes (after gzip -dc for .gz). Peak RSS: getrusage ru_maxrss of the whole run."
