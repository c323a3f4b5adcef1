#!/usr/bin/env bash
# Scores the blind sets (tests/blind/*/: articles our testers wrote in the manner of real outlets,
# with gold written before any run) with ../shared/tools/score.py: each set, then all together.
# usage: scripts/score-blind.sh [SITREP_BINARY] [SET ...]
# A set's first score, taken with the binary of the day it arrived, is its unseen figure
# (tests/blind/README.md); later scores say whether changes carried over to it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}
shift || true
score=../shared/tools/score.py
if [ ! -f "$score" ]; then
  echo "score-blind: $score is missing (../shared beside the checkout)" >&2
  exit 1
fi
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=($(cd tests/blind && ls -d */ | tr -d /))
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for set in "${sets[@]}"; do
  dir=tests/blind/$set
  "$bin" extract --manifest "$dir/manifest.jsonl" "$dir/texts" >> "$work/reports.jsonl"
  "$bin" ingest --quiet --db "$work/$set.db" --manifest "$dir/manifest.jsonl" "$dir/texts" >/dev/null
  "$bin" incidents --db "$work/$set.db" --format json > "$work/$set-incidents.json"
  echo "== $set ($(wc -l < "$dir/gold.jsonl") articles)"
  python3 "$score" "$dir/gold.jsonl" --reports "$work/reports.jsonl" \
    --incidents "$work/$set-incidents.json" | grep -E '^(detect_mcc|slot_f1|merge_bcubed_f1|score)'
  cat "$dir/gold.jsonl" >> "$work/gold-all.jsonl"
done
echo "== all (${#sets[@]} sets, $(wc -l < "$work/gold-all.jsonl") articles; merge is scored per set)"
python3 "$score" "$work/gold-all.jsonl" --reports "$work/reports.jsonl"
