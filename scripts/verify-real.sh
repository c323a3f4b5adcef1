#!/usr/bin/env bash
# Compares each rebuilt text in tests/real/texts with the sha256 recorded in SOURCES.tsv.
# Prints the docs whose text is missing or differs; exits 1 if any does.
set -euo pipefail
cd "$(dirname "$0")/../tests/real"
bad=0 ok=0
while IFS=$'\t' read -r doc url query sha; do
  [[ -z "$doc" || "$doc" == \#* ]] && continue
  if [ ! -f "texts/$doc" ]; then echo "missing: $doc"; bad=$((bad + 1)); continue; fi
  if [ "$(sha256sum "texts/$doc" | cut -d' ' -f1)" != "$sha" ]; then
    echo "differs: $doc ($url)"; bad=$((bad + 1)); continue
  fi
  ok=$((ok + 1))
done < SOURCES.tsv
echo "verify-real: $ok texts match, $bad missing or different"
[ "$bad" -eq 0 ]
