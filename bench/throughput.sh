#!/usr/bin/env bash
# Throughput of `sitrep extract` and `sitrep ingest` on synthetic corpora (bench/gen_corpus.py),
# printed as the Markdown tables of docs/PERFORMANCE.md. Run by `make bench`.
#
#   bench/throughput.sh BINARY [SIZES...]      # default sizes: 10000 100000
#
# Corpora are generated once into $SITREP_BENCH_DIR (default out/bench) and reused. Times are
# CPU seconds (user + sys) of one process, which runs on one core: on a shared machine they
# are steadier than wall time. The floor is the CPU time to read every file once (cat).
set -euo pipefail
binary=$(realpath "$1")
shift
sizes=("${@:-10000 100000}")
read -r -a sizes <<<"${sizes[*]}"
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${SITREP_BENCH_DIR:-$root/out/bench}
mkdir -p "$dir"
timefmt='%U %S %e %M'

measure() {  # label command... -> "cpu wall rss_mb"
  local log
  log=$(mktemp)
  /usr/bin/time -o "$log" -f "$timefmt" "$@" >/dev/null 2>&1 || true
  read -r user sys wall rss <<<"$(tail -1 "$log")"
  rm -f "$log"
  awk -v u="$user" -v s="$sys" -v w="$wall" -v r="$rss" 'BEGIN { printf "%.2f %.2f %.0f\n", u + s, w, r / 1024 }'
}

# Start-up: lexicon load, Hyperscan compile, the glossaries; measured on one article.
one=$(mktemp -d)
trap 'rm -rf "$one"' EXIT
printf 'Two rockets hit the base on Monday, officials said, and no one was hurt at all.\n' >"$one/a.txt"
read -r startup _ _ <<<"$(measure "$binary" extract "$one/a.txt" --format jsonl)"

echo "| articles | MB | floor (cat) s | extract CPU s | articles/s | MB/s | extract RSS MB | ingest CPU s | ingest wall s | ingest RSS MB | DB MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  corpus=$dir/corpus-$n
  if [ ! -f "$corpus/manifest.jsonl" ] || [ "$(wc -l <"$corpus/manifest.jsonl")" != "$n" ]; then
    rm -rf "$corpus"
    python3 "$root/bench/gen_corpus.py" --count "$n" --seed 1 --out "$corpus" 2>/dev/null
  fi
  bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  read -r floor _ _ <<<"$(measure sh -c "find '$corpus' -name '*.txt' -print0 | xargs -0 cat")"
  read -r cpu _ xrss <<<"$(measure "$binary" extract --manifest "$corpus/manifest.jsonl" "$corpus" --format jsonl)"
  rm -f "$dir/bench.db" "$dir/bench.db-wal" "$dir/bench.db-shm"
  read -r icpu iwall irss <<<"$(measure "$binary" ingest --manifest "$corpus/manifest.jsonl" "$corpus" --db "$dir/bench.db" -q)"
  dbmb=$(du -m "$dir/bench.db" | cut -f1)
  rate=$(awk -v n="$n" -v c="$cpu" -v s="$startup" 'BEGIN { printf "%.0f", n / (c - s) }')
  mbs=$(awk -v b="$bytes" -v c="$cpu" -v s="$startup" 'BEGIN { printf "%.1f", b / 1e6 / (c - s) }')
  echo "| $n | $mb | $floor | $cpu | $rate | $mbs | $xrss | $icpu | $iwall | $irss | $dbmb |"
done
echo
echo "Start-up (one article): ${startup} s CPU; articles/s and MB/s leave it out."
