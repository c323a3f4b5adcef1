#!/usr/bin/env bash
# Scores the real development set with ../shared/tools/score.py: tune and heldout, per language,
# detection, fields and merge; then the mixed-language merge (the incidents reported in English
# and in another language). usage: scripts/score-real.sh [SITREP_BINARY]
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
if [ ! -f "$score" ]; then
  echo "score-real: $score is missing (../shared beside the checkout)" >&2
  exit 1
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$bin" extract --manifest "$real/manifest.jsonl" "$real/texts" > "$work/reports.jsonl"
db="$work/real.db"
"$bin" ingest --quiet --db "$db" --manifest "$real/manifest.jsonl" "$real/texts" >/dev/null
"$bin" incidents --db "$db" --format json > "$work/incidents.json"

# Gold per split and language, and the mixed-language incidents (all splits).
python3 - "$real" "$work" <<'PY'
import collections, json, sys
real, work = sys.argv[1], sys.argv[2]
# Only the articles whose text is present: a partial rebuild (tests/real/README.md, "Budget")
# scores the part it has, and says how much is missing.
import os
present = set(os.listdir(f"{real}/texts"))
lines = {}
for s in ("tune", "heldout"):
    every = [json.loads(l) for l in open(f"{real}/gold-{s}.jsonl") if l.strip()]
    lines[s] = [g for g in every if g["doc"] in present]
    if len(lines[s]) < len(every):
        print(f"score-real: {s}: {len(every) - len(lines[s])} of {len(every)} texts missing; "
              f"scoring the {len(lines[s])} present", file=sys.stderr)
    with open(f"{work}/gold-{s}.jsonl", "w") as f:
        f.writelines(json.dumps(g, ensure_ascii=False) + "\n" for g in lines[s])
for split, gold in lines.items():
    by = collections.defaultdict(list)
    for g in gold:
        by[g.get("language") or "en"].append(g)
    for lang, part in by.items():
        with open(f"{work}/gold-{split}-{lang}.jsonl", "w") as f:
            f.writelines(json.dumps(g, ensure_ascii=False) + "\n" for g in part)
every = lines["tune"] + lines["heldout"]
langs = collections.defaultdict(set)
for g in every:
    if g.get("incident"):
        langs[g["incident"]].add(g.get("language") or "en")
for other in sorted({l for s in langs.values() for l in s} - {"en"}):
    mixed = [g for g in every if g.get("incident") and {"en", other} <= langs[g["incident"]]
             and (g.get("language") or "en") in ("en", other)]
    if mixed:
        with open(f"{work}/mixed-en-{other}.jsonl", "w") as f:
            f.writelines(json.dumps(g, ensure_ascii=False) + "\n" for g in mixed)
PY
for split in tune heldout; do
  echo "== $split (all languages)"
  python3 "$score" "$work/gold-$split.jsonl" --reports "$work/reports.jsonl" \
    --incidents "$work/incidents.json"
  for gold in "$work"/gold-"$split"-*.jsonl; do
    lang=${gold##*-}; lang=${lang%.jsonl}
    echo "-- $split $lang ($(wc -l < "$gold") articles)"
    python3 "$score" "$gold" --reports "$work/reports.jsonl" --incidents "$work/incidents.json" |
      grep -E '^(detect_mcc|slot_f1|merge_bcubed_f1)'
  done
done
for gold in "$work"/mixed-en-*.jsonl; do
  [ -f "$gold" ] || continue
  lang=${gold##*-en-}; lang=${lang%.jsonl}
  echo "== mixed-language merge, English and $lang: $(wc -l < "$gold") reports"
  python3 "$score" "$gold" --reports "$work/reports.jsonl" --incidents "$work/incidents.json" |
    grep -E '^merge_bcubed'
done
