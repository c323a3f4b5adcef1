#!/usr/bin/env bash
# Refits one of sitrep's fitted models: scripts/train.sh SITREP MODEL DIR:GOLD...
# MODEL is detect (data/model/detect.tsv, the detection model) or attach (data/model/attach.tsv,
# the placing of undated reports). Each DIR holds the articles, manifest.jsonl and the named gold
# file; a DIR whose texts are missing (tests/real/texts is rebuilt by hand, ../shared may be
# absent) is skipped with a note.
set -euo pipefail
bin=$1 model=$2; shift 2
case "$model" in detect|attach) ;; *) echo "train: unknown model '$model'" >&2; exit 2 ;; esac
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
paths=() used=()
for set in "$@"; do
  dir=${set%%:*} gold=${set#*:}
  texts=$dir; [ -d "$dir/texts" ] && texts=$dir/texts
  if [ ! -f "$dir/$gold" ] || [ -z "$(ls "$texts" 2>/dev/null | grep -v '\.json' | head -n 1)" ]; then
    echo "train: skipping $dir (no $gold or no texts)" >&2; continue
  fi
  cat "$dir/$gold" >> "$work/gold.jsonl"
  cat "$dir/manifest.jsonl" >> "$work/manifest.jsonl"
  paths+=("$texts") used+=("$set")
done
if [ ${#paths[@]} -eq 0 ]; then echo "train: no training set has its texts" >&2; exit 1; fi
"$bin" "train-$model" --gold "$work/gold.jsonl" --manifest "$work/manifest.jsonl" "${paths[@]}" \
  --out "$work/model.tsv"
# The header names the sets used, not this run's temporary concatenation of their gold; the
# model takes the old one's place in one rename (a running server reads it at each merge).
sed "s|$work/gold.jsonl|${used[*]}|" "$work/model.tsv" > "data/model/.$model.tsv.new"
mv "data/model/.$model.tsv.new" "data/model/$model.tsv"
