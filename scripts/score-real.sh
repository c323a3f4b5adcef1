#!/usr/bin/env bash
# Scores the real development set with ../shared/tools/score.py: tune and heldout, detection,
# fields and merge. usage: scripts/score-real.sh [SITREP_BINARY]
# Read errors on tune only (sitrep eval --gold tests/real/gold-tune.jsonl ... lists them);
# heldout is only scored, and the gap between the two is what to report.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}
real=tests/real
score=../shared/tools/score.py
if [ -z "$(ls "$real/texts" 2>/dev/null | head -n 1)" ]; then
  echo "score-real: $real/texts is empty; rebuild it as $real/README.md says" >&2
  exit 1
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$bin" extract --manifest "$real/manifest.jsonl" "$real/texts" > "$work/reports.jsonl"
db="$work/real.db"
"$bin" ingest --quiet --db "$db" --manifest "$real/manifest.jsonl" "$real/texts" >/dev/null
"$bin" incidents --db "$db" --format json > "$work/incidents.json"
for split in tune heldout; do
  echo "== $split"
  if [ -f "$score" ]; then
    python3 "$score" "$real/gold-$split.jsonl" --reports "$work/reports.jsonl" \
      --incidents "$work/incidents.json"
  else
    "$bin" eval --merge --gold "$real/gold-$split.jsonl" --manifest "$real/manifest.jsonl" \
      "$real/texts" 2>/dev/null
  fi
done
