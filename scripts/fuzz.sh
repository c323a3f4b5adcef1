#!/usr/bin/env bash
# Runs the libFuzzer targets (fuzz/) for SECONDS each, JOBS (2) at a time:
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 html feed
# Builds them with clang-19 in build-fuzz/ (ASan + UBSan + coverage). Each target grows its own
# corpus in build-fuzz/corpus/<target>/ from the seeds in fuzz/corpus/<target>/; what it finds
# lands in build-fuzz/artifacts/<target>/ and the script exits 1. The last lines of each run
# (executions, coverage) go to build-fuzz/logs/<target>.log; the table printed at the end is
# what docs/ROBUSTNESS.md records.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(html jsonl feed extract manifest text lexicon glossary)
build=${BUILD_FUZZ:-build-fuzz}
jobs=${JOBS:-2}

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_CXX_COMPILER=clang++-19 -DSITREP_TESTS=OFF -DSITREP_FUZZ=ON >/dev/null
cmake --build "$build" -j"$jobs" --target "${targets[@]/%/_fuzz}" >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1}
symbolizer=$(command -v llvm-symbolizer-19 || command -v llvm-symbolizer || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$symbolizer}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# One target: its log, its findings, and a one-line summary in $build/logs/<target>.summary.
run_target() {
  local target=$1 log="$build/logs/$1.log" status=0
  # What an earlier run found is kept aside, so that this run's verdict is its own.
  if [ -n "$(ls -A "$build/artifacts/$target" 2>/dev/null)" ]; then
    mkdir -p "$build/artifacts-earlier/$target"
    mv "$build/artifacts/$target"/* "$build/artifacts-earlier/$target/"
  fi
  mkdir -p "$build/corpus/$target" "$build/artifacts/$target"
  # -timeout: one input taking longer is a finding (the CLI's own watchdog is 30 s per document).
  "$build/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/artifacts/$target/" \
    "$build/corpus/$target" "fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  local runs found
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  found=$(find "$build/artifacts/$target" -type f | wc -l)
  echo "$target ${seconds}s runs=$runs findings=$found exit=$status" >"$build/logs/$target.summary"
  if ((status != 0 || found != 0)); then
    echo "fuzz: $target found something (exit $status): see $log and $build/artifacts/$target/"
    grep -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|property broken' "$log" | head -5 || true
    return 1
  fi
}

mkdir -p "$build/logs"
failed=0
running=0
for target in "${targets[@]}"; do
  echo "fuzz: $target for ${seconds}s"
  run_target "$target" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while ((running > 0)); do
  wait -n || failed=1
  running=$((running - 1))
done
for target in "${targets[@]}"; do cat "$build/logs/$target.summary"; done
exit "$failed"
