# sitrep: `make demo` and `make test` work on a fresh Debian 12 machine.
SHELL := /bin/bash
JOBS ?= 2
BUILD_RELEASE ?= build
BUILD_DEBUG ?= build-debug
BUILD_ASAN ?= build-asan
FUZZ_SECONDS ?= 60

.PHONY: deps build build-debug demo serve test test-sanitize fuzz format format-check bench clean train
PORT ?= 8080

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD_RELEASE) -DCMAKE_BUILD_TYPE=Release -DSITREP_TESTS=OFF >/dev/null
	@cmake --build $(BUILD_RELEASE) -j$(JOBS) --target sitrep

build-debug: deps
	@cmake -S . -B $(BUILD_DEBUG) -DCMAKE_BUILD_TYPE=Debug -DSITREP_TESTS=ON >/dev/null
	@cmake --build $(BUILD_DEBUG) -j$(JOBS)

demo: build
	@scripts/demo.sh $(BUILD_RELEASE)/sitrep

# The web app and the API on the demo database (made by `make demo` when missing).
serve: build
	@[ -f out/demo.db ] || scripts/demo.sh $(BUILD_RELEASE)/sitrep
	@$(BUILD_RELEASE)/sitrep serve --db out/demo.db --port $(PORT)

# The Release build is part of the tests: GCC warns about some code only when optimising, and
# -Werror would then break `make demo` while the Debug tests pass.
# Then each libFuzzer target for FUZZ_SECONDS (60; FUZZ_SECONDS=0 skips them), two at a time.
test: build-debug build
	@cd $(BUILD_DEBUG) && ctest --output-on-failure -j$(JOBS)
	@if [ "$(FUZZ_SECONDS)" != 0 ]; then $(MAKE) --no-print-directory fuzz; fi

# The unit tests (and the fuzz corpus replays) built with AddressSanitizer and
# UndefinedBehaviorSanitizer at -O1; the first error fails its test. Tests labelled
# no-sanitize are left out (tests/CMakeLists.txt says why for each).
SANITIZE_ENV := ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
test-sanitize: deps
	@cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
	  -DSITREP_TESTS=ON -DSITREP_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_ASAN) -j$(JOBS)
	@cd $(BUILD_ASAN) && $(SANITIZE_ENV) ctest --output-on-failure -j$(JOBS) -LE no-sanitize

# Each libFuzzer target for FUZZ_SECONDS (clang-19 from Debian; build-fuzz/), JOBS at a time.
# Findings go to build-fuzz/artifacts/<target>/; the run fails when any target found one.
fuzz:
	@scripts/deps.sh --fuzz
	@scripts/fuzz.sh $(FUZZ_SECONDS)

FORMAT_FILES = find src tests bench fuzz \( -name '*.cpp' -o -name '*.h' \)
format:
	@$(FORMAT_FILES) | xargs -r clang-format -i

format-check: deps
	@$(FORMAT_FILES) | xargs -r clang-format --dry-run --Werror

# Stage benchmarks (Google Benchmark, build-bench/bench/sitrep_bench) and the throughput tables
# of docs/PERFORMANCE.md: extract and ingest on synthetic corpora of BENCH_SIZES articles.
BENCH_SIZES ?= 10000 100000
bench: build
	@cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DSITREP_TESTS=OFF -DSITREP_BENCH=ON >/dev/null
	@cmake --build build-bench -j$(JOBS)
	@bench/throughput.sh $(BUILD_RELEASE)/sitrep $(BENCH_SIZES)

clean:
	rm -rf $(BUILD_RELEASE) $(BUILD_DEBUG) $(BUILD_ASAN) build-bench build-fuzz

# Refit the fitted models. The detection model (data/model/detect.tsv) learns from every labelled
# article we may learn from:
# the real set's tune split (never heldout), our own dev corpus and examples, and the seeds.
TRAIN_SETS := tests/real:gold-tune.jsonl tests/corpus:gold.jsonl examples/articles:gold.jsonl ../shared/corpus/seeds:gold.jsonl
# The attach model learns from one world of reports: our own articles' invented attacks would
# be candidates for the real set's undated reports.
ATTACH_SETS := tests/real:gold-tune.jsonl
train: build
	@scripts/train.sh $(BUILD_RELEASE)/sitrep detect $(TRAIN_SETS)
	@scripts/train.sh $(BUILD_RELEASE)/sitrep attach $(ATTACH_SETS)
