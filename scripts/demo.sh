#!/usr/bin/env bash
# Ingests the example articles (and the seed corpus when ../shared is beside the checkout) into
# a fresh demo database and shows what sitrep found.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}
db=${SITREP_DEMO_DB:-out/demo.db}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"

echo "== Ingesting examples/articles/"
"$bin" ingest --db "$db" --manifest examples/articles/manifest.jsonl examples/articles
seeds=../shared/corpus/seeds
if [ -d "$seeds" ]; then
  echo "== Ingesting $seeds"
  "$bin" ingest --db "$db" --manifest "$seeds/manifest.jsonl" "$seeds"
else
  echo "== $seeds not found beside the checkout: seeds skipped"
fi
echo
echo "== Documents"
"$bin" documents --db "$db"
echo
echo "== Incidents"
"$bin" incidents --db "$db" --format table
echo
echo "== Web app: run 'make serve' and open http://127.0.0.1:8080/ (map, timeline, incident pages)"
