#!/usr/bin/env bash
# Writes `sitrep extract` output on every corpus we have into OUT (one .jsonl per corpus), so
# two builds can be compared byte for byte: an optimisation must not change a single report.
#   bench/extract-outputs.sh BINARY OUT && diff -r OUT_BEFORE OUT_AFTER
set -euo pipefail
binary=$1 out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
run() {  # name dir
  local name=$1 dir=$2
  [ -d "$dir" ] || return 0
  local manifest=()
  [ -f "$dir/manifest.jsonl" ] && manifest=(--manifest "$dir/manifest.jsonl")
  "$binary" extract "${manifest[@]}" "$dir" --format jsonl >"$out/$name.jsonl" 2>"$out/$name.err" || true
}
run corpus "$root/tests/corpus"
run examples "$root/examples/articles"
run seeds "$root/../shared/corpus/seeds"
if [ -d "$root/tests/real/texts" ]; then
  "$binary" extract --manifest "$root/tests/real/manifest.jsonl" "$root/tests/real/texts" \
    --format jsonl >"$out/real.jsonl" 2>"$out/real.err" || true
fi
[ -n "${SITREP_OUTPUTS_SYNTHETIC:-}" ] && run synthetic "$SITREP_OUTPUTS_SYNTHETIC"
wc -l "$out"/*.jsonl
