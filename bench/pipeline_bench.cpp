// Pipeline benchmarks over the dev corpus (tests/corpus): lexicon load, cleaning, sentence
// splitting, extraction per article and merge::rebuild over synthetic report sets.
// Run: make bench && build-bench/bench/sitrep_bench   (figures in docs/PERFORMANCE.md)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/report.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "ingest/language.h"
#include "lexicon/lexicon.h"
#include "merge/merge.h"
#include "text/text.h"

namespace {

using sitrep::CleanText;
using sitrep::Document;
using sitrep::Report;

// The corpus articles (.txt/.html, not the JSONL manifest and gold), loaded once.
const std::vector<Document>& corpus_documents() {
  static const std::vector<Document> documents = [] {
    namespace fs = std::filesystem;
    const fs::path dir = SITREP_BENCH_CORPUS;
    std::vector<std::string> paths;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const auto ext = entry.path().extension().string();
      if (ext == ".txt" || ext == ".html" || ext == ".htm") paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    sitrep::ingest::Options options;
    auto manifest = sitrep::ingest::load_manifest((dir / "manifest.jsonl").string());
    if (manifest) options.manifest = &*manifest;
    auto loaded = sitrep::ingest::load_inputs(paths, options);
    for (const auto& error : loaded.errors)
      std::fprintf(stderr, "bench: %s: %s\n", error.input.c_str(), error.message.c_str());
    return std::move(loaded.documents);
  }();
  return documents;
}

std::size_t corpus_bytes() {
  std::size_t bytes = 0;
  for (const auto& document : corpus_documents()) bytes += document.raw.size();
  return bytes;
}

const std::vector<CleanText>& corpus_clean() {
  static const std::vector<CleanText> cleaned = [] {
    std::vector<CleanText> out;
    for (const auto& document : corpus_documents()) out.push_back(sitrep::ingest::clean(document));
    return out;
  }();
  return cleaned;
}

// Returns nullptr (and the caller skips) when the data directory cannot be read.
const sitrep::lexicon::Lexicon* shared_lexicon() {
  static const std::optional<sitrep::lexicon::Lexicon> lexicon =
      [] -> std::optional<sitrep::lexicon::Lexicon> {
    auto loaded = sitrep::lexicon::Lexicon::load(sitrep::lexicon::Lexicon::default_data_dir());
    if (!loaded) {
      std::fprintf(stderr, "bench: lexicon: %s\n", loaded.error().message.c_str());
      return std::nullopt;
    }
    return std::move(*loaded);
  }();
  return lexicon ? &*lexicon : nullptr;
}

// The shipped detection model; the rule weights when the file cannot be read.
const sitrep::extract::DetectModel& shared_model() {
  static const sitrep::extract::DetectModel model = [] {
    auto loaded =
        sitrep::extract::DetectModel::load_default(sitrep::lexicon::Lexicon::default_data_dir());
    if (!loaded) std::fprintf(stderr, "bench: model: %s\n", loaded.error().message.c_str());
    return loaded ? *loaded : sitrep::extract::DetectModel{};
  }();
  return model;
}

bool require_corpus(benchmark::State& state) {
  if (corpus_documents().empty()) {
    state.SkipWithError("no articles in " SITREP_BENCH_CORPUS);
    return false;
  }
  return true;
}

void BM_LexiconLoad(benchmark::State& state) {
  const auto data_dir = sitrep::lexicon::Lexicon::default_data_dir();
  for (auto _ : state) {
    auto lexicon = sitrep::lexicon::Lexicon::load(data_dir);
    if (!lexicon) {
      state.SkipWithError(lexicon.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(lexicon->facilities().size());
  }
}
BENCHMARK(BM_LexiconLoad)->Unit(benchmark::kMillisecond);

void BM_Clean(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const auto& documents = corpus_documents();
  for (auto _ : state)
    for (const auto& document : documents) {
      auto cleaned = sitrep::ingest::clean(document);
      benchmark::DoNotOptimize(cleaned.text.data());
    }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(documents.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus_bytes()));
}
BENCHMARK(BM_Clean)->Unit(benchmark::kMillisecond);

void BM_SplitSentences(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const auto& cleaned = corpus_clean();
  std::size_t clean_bytes = 0;
  for (const auto& clean_text : cleaned) clean_bytes += clean_text.text.size();
  for (auto _ : state)
    for (const auto& clean_text : cleaned) {
      auto sentences = sitrep::text::split_sentences(clean_text);
      benchmark::DoNotOptimize(sentences.data());
    }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(cleaned.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(clean_bytes));
}
BENCHMARK(BM_SplitSentences)->Unit(benchmark::kMillisecond);

// Language identification alone (part of clean()), to see its share of the cleaning time.
void BM_IdentifyLanguage(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const auto& cleaned = corpus_clean();
  std::size_t clean_bytes = 0;
  for (const auto& clean_text : cleaned) clean_bytes += clean_text.text.size();
  for (auto _ : state)
    for (const auto& clean_text : cleaned) {
      auto language = sitrep::ingest::detail::identify_language(clean_text.text);
      benchmark::DoNotOptimize(language.data());
    }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(cleaned.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(clean_bytes));
}
BENCHMARK(BM_IdentifyLanguage)->Unit(benchmark::kMillisecond);

// clean + extract, as `sitrep extract` does per article (lexicon loaded once, outside).
void BM_ExtractArticle(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const auto* lexicon = shared_lexicon();
  if (!lexicon) {
    state.SkipWithError("lexicon failed to load");
    return;
  }
  const sitrep::extract::Extractor extractor(*lexicon, shared_model());
  const auto& documents = corpus_documents();
  for (auto _ : state)
    for (const auto& document : documents) {
      auto report = extractor.extract(document, sitrep::ingest::clean(document));
      benchmark::DoNotOptimize(report.reports_attack);
    }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(documents.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus_bytes()));
}
BENCHMARK(BM_ExtractArticle)->Unit(benchmark::kMillisecond);

const std::vector<Report>& corpus_reports() {
  static const std::vector<Report> reports = [] {
    std::vector<Report> out;
    const auto* lexicon = shared_lexicon();
    if (!lexicon) return out;
    const sitrep::extract::Extractor extractor(*lexicon, shared_model());
    const auto& documents = corpus_documents();
    const auto& cleaned = corpus_clean();
    for (std::size_t i = 0; i < documents.size(); ++i) {
      auto report = extractor.extract(documents[i], cleaned[i]);
      report.doc_id = sitrep::ingest::document_id(documents[i], cleaned[i]);
      out.push_back(std::move(report));
    }
    return out;
  }();
  return reports;
}

void shift_date(std::string& ymd, long days) {
  if (auto base = sitrep::text::days_from_civil(ymd))
    ymd = sitrep::text::civil_from_days(*base + days);
}
void shift_date(std::optional<std::string>& ymd, long days) {
  if (ymd) shift_date(*ymd, days);
}

// `count` reports: copy k of the corpus reports has every date moved k * 9 days later and its
// own doc names, so copies are distinct attacks spread over years, while reports within one
// copy still merge as the real ones do.
std::vector<Report> synthetic_reports(std::size_t count) {
  const auto& base = corpus_reports();
  std::vector<Report> out;
  if (base.empty()) return out;
  out.reserve(count);
  constexpr long kDaysPerCopy = 9;
  for (std::size_t i = 0; i < count; ++i) {
    const long copy = static_cast<long>(i / base.size());
    Report report = base[i % base.size()];
    const std::string suffix = "#" + std::to_string(copy);
    report.doc += suffix;
    report.doc_id += suffix;
    report.url = report.url.empty() ? std::string() : report.url + suffix;
    const long shift = copy * kDaysPerCopy;
    shift_date(report.published, shift);
    if (report.main) shift_date(report.main->date, shift);
    for (auto& background : report.background) shift_date(background.date, shift);
    for (auto& tally : report.tallies) {
      shift_date(tally.period_start, shift);
      shift_date(tally.period_end, shift);
    }
    out.push_back(std::move(report));
  }
  return out;
}

void BM_MergeRebuild(benchmark::State& state) {
  const auto reports = synthetic_reports(static_cast<std::size_t>(state.range(0)));
  if (reports.empty()) {
    state.SkipWithError("no corpus reports to build synthetic inputs from");
    return;
  }
  const std::vector<sitrep::Incident> previous;
  const auto attach =
      sitrep::merge::AttachModel::load_default(sitrep::lexicon::Lexicon::default_data_dir());
  if (!attach) {
    state.SkipWithError(attach.error().message.c_str());
    return;
  }
  std::size_t incidents = 0;
  for (auto _ : state) {
    auto update = sitrep::merge::rebuild(reports, previous, "2026-01-01T00:00:00Z", *attach);
    incidents = update.incidents.size();
    benchmark::DoNotOptimize(update.incidents.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(reports.size()));
  state.counters["incidents"] = static_cast<double>(incidents);
}
BENCHMARK(BM_MergeRebuild)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
