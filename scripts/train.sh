#!/usr/bin/env bash
# Refits data/model/detect.tsv: scripts/train-detect.sh SITREP DIR:GOLD...
# Each DIR holds the articles, manifest.jsonl and the named gold file; a DIR whose texts are
# missing (tests/real/texts is rebuilt by hand, ../shared may be absent) is skipped with a note.
set -euo pipefail
bin=$1; shift
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
paths=()
for set in "$@"; do
  dir=${set%%:*} gold=${set#*:}
  texts=$dir; [ -d "$dir/texts" ] && texts=$dir/texts
  if [ ! -f "$dir/$gold" ] || [ -z "$(ls "$texts" 2>/dev/null | grep -v '\.json' | head -n 1)" ]; then
    echo "train: skipping $dir (no $gold or no texts)" >&2; continue
  fi
  cat "$dir/$gold" >> "$work/gold.jsonl"
  cat "$dir/manifest.jsonl" >> "$work/manifest.jsonl"
  paths+=("$texts")
done
"$bin" train-detect --gold "$work/gold.jsonl" --manifest "$work/manifest.jsonl" "${paths[@]}" \
  --out data/model/detect.tsv
