#!/usr/bin/env bash
# bench/quality/run.sh — detection quality on every `cibscan synth`
# scenario at two sizes: synth, detect, eval; prints one table (preset,
# events, precision, recall, F1, ARI, seconds of detect, and the accounts
# clustered that were planted by no one) and a second one saying what
# those false positives are (kinds from the truth file, traces of their
# in-cluster edges: bench/quality/explain.py).  The tables replace the
# part of docs/quality.md between its two markers, so a change that lowers
# quality shows in review.
#
# usage: bench/quality/run.sh [--no-doc]
#   CIBSCAN   the binary (default build/cibscan)
#   SIZES     events per run (default "100000 1000000")
#   SEED      synth seed (default 1)
#   SCENARIOS (default: every one `synth --list-scenarios` names)
#   WORK      scratch folder (default a temporary one, removed after)
#   DETECT_ARGS  extra detect options (default none)
#   LABEL     what detector this is, for the table's heading (default: the
#             checkout's commit)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
CIBSCAN=${CIBSCAN:-$root/build/cibscan}
SIZES=${SIZES:-"100000 1000000"}
SEED=${SEED:-1}
DETECT_ARGS=${DETECT_ARGS:-}
DOC=$root/docs/quality.md
write_doc=1
[ "${1:-}" == "--no-doc" ] && write_doc=0

[ -x "$CIBSCAN" ] || { echo "no binary at $CIBSCAN (make, or set CIBSCAN)" >&2; exit 1; }
SCENARIOS=${SCENARIOS:-$("$CIBSCAN" synth --list-scenarios | awk '{print $1}')}
if [ -n "${WORK:-}" ]; then mkdir -p "$WORK"; keep=1; else WORK=$(mktemp -d); keep=0; fi
cleanup() { [ "$keep" == 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT

now() { echo "${EPOCHREALTIME/,/.}"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# field JSON EXPR: a value of the eval JSON, "-" where it means nothing
field() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"; }

main_rows=()
fp_rows=()
for s in $SCENARIOS; do
  for n in $SIZES; do
    base=$WORK/$s-$n
    if ! "$CIBSCAN" synth --scenario "$s" --events "$n" --seed "$SEED" \
        --out "$base.csv" --truth "$base.truth" 2>"$base.err"; then
      echo "synth $s $n failed: $(cat "$base.err")" >&2; continue
    fi
    t0=$(now)
    # shellcheck disable=SC2086
    if ! "$CIBSCAN" detect --quiet $DETECT_ARGS --out "$base.out" "$base.csv" 2>"$base.err"; then
      echo "detect $s $n failed: $(cat "$base.err")" >&2; continue
    fi
    t1=$(now)
    "$CIBSCAN" eval --truth "$base.truth" "$base.out/accounts.csv" --json "$base.json" >/dev/null
    events=$(field "$base.out/report.json" "j['input']['events']")
    planted=$(field "$base.json" "j['true_positives'] + j['false_negatives']")
    fp=$(field "$base.json" "j['false_positives']")
    if [ "$planted" == 0 ]; then
      p=- r=- f=- a=-
    else
      p=$(field "$base.json" "'%.3f' % j['precision']")
      r=$(field "$base.json" "'%.3f' % j['recall']")
      f=$(field "$base.json" "'%.3f' % j['f1']")
      a=$(field "$base.json" "'%.3f' % j['ari']")
    fi
    row="| $s | $events | $p | $r | $f | $a | $(secs "$t0" "$t1") | $fp |"
    echo "$row" >&2
    main_rows+=("$row")
    why=$(python3 "$here/explain.py" "$base.truth" "$base.out/accounts.csv" "$base.out/edges.csv")
    fp_rows+=("| $s | $events | ${why#fp } |")
    rm -f "$base.csv"
  done
done

if [ -z "${LABEL:-}" ]; then
  LABEL="commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  git -C "$root" status --porcelain -- src 2>/dev/null | grep -q . &&
    LABEL="$LABEL, with uncommitted changes under src/"
fi
table=$(
  echo "Run $(date -u +%Y-%m-%d), $LABEL, seed $SEED, $(nproc) cores"
  echo "(load average $(cut -d' ' -f1 /proc/loadavg) at the end)."
  echo
  echo "| preset | events | precision | recall | F1 | ARI | seconds | false positives |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${main_rows[@]}"
  echo
  echo "What the false positives are (kinds from the truth file; share of"
  echo "the weight of their in-cluster edges by trace):"
  echo
  echo "| preset | events | false positives by kind, traces, clusters |"
  echo "| --- | ---: | --- |"
  printf '%s\n' "${fp_rows[@]}"
)
echo "$table"

if [ "$write_doc" == 1 ]; then
  begin='<!-- quality:begin -->'
  end='<!-- quality:end -->'
  if [ -f "$DOC" ] && grep -q "$begin" "$DOC" && grep -q "$end" "$DOC"; then
    python3 - "$DOC" "$begin" "$end" "$table" <<'PY'
import sys
path, begin, end, table = sys.argv[1:5]
text = open(path, encoding="utf-8").read()
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(f"{head}{begin}\n{table}\n{end}{tail}")
PY
    echo "(written to $DOC)" >&2
  else
    echo "$DOC has no $begin/$end markers: not written" >&2
  fi
fi
