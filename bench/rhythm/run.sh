#!/bin/sh
# Build and run the rhythm benchmark without CMake: the rhythm sources and
# common.c are all it needs.  Usage: bench/rhythm/run.sh [ZONEINFO_DIR]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${TMPDIR:-/tmp}/cibscan_bench_rhythm
cc -std=c11 -O2 -D_GNU_SOURCE -Wall -Wextra -Werror -I"$root/src" \
   "$root/bench/rhythm/bench_rhythm.c" "$root"/src/rhythm/*.c "$root/src/common/common.c" \
   -ljansson -lm -o "$out"
exec "$out" "$@"
