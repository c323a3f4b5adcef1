#include "cli/commands.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/json.h"
#include "core/terminal.h"
#include "core/weights.h"
#include "eval/score.h"
#include "extract/annotate.h"
#include "extract/extract.h"
#include "extract/train.h"
#include "ingest/ingest.h"
#include "lexicon/lexicon.h"
#include "merge/merge.h"
#include "serve/alerts.h"
#include "serve/export.h"
#include "store/store.h"

namespace sitrep::cli {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::size_t utf8_length(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Returns the heap's free pages to the system (every thread's arena, not only the top of the
// main one): a peak of memory that follows a phase of many small allocations on other threads
// then reuses pages instead of adding to them.
void release_free_memory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

// Prints "sitrep: <message>" and returns the exit status for a runtime failure.
int report_error(Streams io, const std::string& message) {
  io.err << "sitrep: " << message << "\n";
  return kExitRejected;
}

// The row a new document is stored as (its id already set): the input's names, the cleaned text.
void fill_stored(store::StoredDocument& stored, const Document& document, CleanText&& clean) {
  stored.doc = document.doc;
  stored.url = document.url;
  stored.outlet = document.outlet;
  stored.published = document.published;
  stored.language = clean.language;
  stored.title = std::move(clean.title);
  stored.text = std::move(clean.text);
  stored.chars = utf8_length(stored.text);
  stored.ingested_at = now_utc();
}

// The document's metadata on its report.
void stamp(Report& report, const Document& document, const CleanText& clean) {
  report.doc = document.doc;
  report.published = document.published;
  report.outlet = document.outlet;
  report.url = document.url;
  report.language = clean.language;
}

std::string describe_seconds(double seconds) {
  std::ostringstream text;
  text << seconds;
  return text.str();
}

Result<lexicon::Lexicon> load_lexicon() {
  return lexicon::Lexicon::load(lexicon::Lexicon::default_data_dir());
}

Result<extract::DetectModel> load_model() {
  return extract::DetectModel::load_default(lexicon::Lexicon::default_data_dir());
}

Result<merge::AttachModel> load_attach_model() {
  return merge::AttachModel::load_default(lexicon::Lexicon::default_data_dir());
}

// The watched targets: the option, else $SITREP_SCOPE, else everything SCHEMA names.
Result<extract::Scope> scope_of(const std::string& option) {
  std::string spec = option;
  if (spec.empty())
    if (const char* env = std::getenv("SITREP_SCOPE")) spec = env;
  return extract::Scope::parse(spec);
}

// What an extractor needs beside the lexicon: the detection model and the scope. A bad scope
// is a usage error, a missing model a runtime one; both are reported here.
struct ExtractorSettings {
  extract::DetectModel model;
  extract::Scope scope;
};
std::optional<ExtractorSettings> extractor_settings(const std::string& scope_option, Streams io,
                                                    int& status) {
  auto model = load_model();
  if (!model) {
    status = report_error(io, model.error().message);
    return std::nullopt;
  }
  auto scope = scope_of(scope_option);
  if (!scope) {
    io.err << "sitrep: " << scope.error().message << "\n";
    status = kExitUsage;
    return std::nullopt;
  }
  return ExtractorSettings{std::move(*model), std::move(*scope)};
}

// A one-line progress bar redrawn in place: "[=====>     ]  12/40  8.3 docs/s  ETA 3s".
class Progress {
 public:
  // A total of 0 means unknown (documents are read as they are processed): a count and a rate,
  // no bar, drawn once the run has taken half a second.
  Progress(std::ostream& err, std::size_t total, bool enabled)
      : err_(err), total_(total), enabled_(enabled && total != 1), start_(Clock::now()) {}
  ~Progress() { finish(); }

  void update(std::size_t done) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if ((total_ == 0 || done < total_) && now - last_draw_ < std::chrono::milliseconds(100)) return;
    if (total_ == 0 && now - start_ < std::chrono::milliseconds(500)) return;
    last_draw_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? done / seconds : 0;
    if (total_ == 0) {
      char line[96];
      std::snprintf(line, sizeof line, "\r%zu docs  %.1f docs/s\033[K", done, rate);
      err_ << line << std::flush;
      drawn_ = true;
      return;
    }
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * done / total_);
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < kWidth) bar += '>';
    bar.resize(kWidth, ' ');
    char line[160];
    if (rate > 0 && done < total_) {
      const long eta = std::lround((total_ - done) / rate);
      std::snprintf(line, sizeof line, "\r[%s] %zu/%zu  %.1f docs/s  ETA %ldm%02lds\033[K",
                    bar.c_str(), done, total_, rate, eta / 60, eta % 60);
    } else {
      std::snprintf(line, sizeof line, "\r[%s] %zu/%zu  %.1f docs/s\033[K", bar.c_str(), done,
                    total_, rate);
    }
    err_ << line << std::flush;
    drawn_ = true;
  }
  void finish() {
    if (drawn_) err_ << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  std::ostream& err_;
  std::size_t total_;
  bool enabled_;
  Clock::time_point start_;
  Clock::time_point last_draw_{};
  bool drawn_ = false;
};

std::string fit(const std::string& raw, std::size_t width) {
  // Text from articles and feeds must not drive the terminal (core/terminal.h).
  std::string text = terminal_safe(raw);
  // Cut on a UTF-8 boundary so a multibyte name does not leave half a character.
  if (utf8_length(text) <= width) {
    text.append(width - utf8_length(text), ' ');
    return text;
  }
  std::size_t bytes = 0, chars = 0;
  while (bytes < text.size() && chars < width - 1) {
    ++bytes;
    while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) ++bytes;
    ++chars;
  }
  return text.substr(0, bytes) + "~";
}

// The last column is cut like the others but not padded, so lines carry no trailing blanks.
std::string last_column(const std::string& text, std::size_t width) {
  std::string cell = fit(text, width);
  cell.erase(cell.find_last_not_of(' ') + 1);
  return cell;
}

std::string read_file(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

Inputs read_inputs(const std::string& manifest_path, const std::vector<std::string>& paths,
                   const ingest::Limits& limits, Streams io, const ingest::DocumentSink* each,
                   const std::function<void()>& read) {
  Inputs inputs;
  ingest::Manifest manifest;
  ingest::Options options;
  options.max_bytes = limits.max_bytes;
  options.max_entity_bytes = limits.max_entity_bytes;
  if (!manifest_path.empty()) {
    auto loaded_manifest = ingest::load_manifest(manifest_path);
    if (!loaded_manifest) {
      io.err << "sitrep: " << loaded_manifest.error().message << "\n";
      inputs.usage_error = true;
      return inputs;
    }
    manifest = std::move(*loaded_manifest);
    options.manifest = &manifest;
  }
  inputs.loaded = each != nullptr ? ingest::load_inputs(paths, options, *each)
                                  : ingest::load_inputs(paths, options);
  if (read) read();
  for (const auto& e : inputs.loaded.errors)
    io.err << "sitrep: " << terminal_safe(e.input) << ": " << terminal_safe(e.message) << "\n";
  for (const auto& w : inputs.loaded.warnings)
    io.err << "sitrep: warning: " << terminal_safe(w.input) << ": " << terminal_safe(w.message)
           << "\n";
  return inputs;
}

Result<merge::Update> rebuild_incidents(
    store::Store& store, const std::function<void(const merge::Update&)>& after_save) {
  // A small file, read per merge so that a refit takes effect; first, so a bad one fails early.
  auto attach = load_attach_model();
  if (!attach) return std::unexpected(attach.error());
  // Read, merge and save under the merge lock: another process's merge in between would be lost.
  auto lock = store.lock_merge();
  if (!lock) return std::unexpected(lock.error());
  // Only the reports the merge can use: at 100,000 articles, reading all of them back held
  // ~290 MB (docs/PERFORMANCE.md).
  auto reports = store.merge_reports();
  if (!reports) return std::unexpected(reports.error());
  auto previous = store.incidents({});
  if (!previous) return std::unexpected(previous.error());
  merge::Update update = merge::rebuild(*reports, *previous, now_utc(), *attach);
  std::set<std::string> kept;
  for (const auto& i : update.incidents) kept.insert(i.id);
  std::set<std::string> removed(update.removed_ids.begin(), update.removed_ids.end());
  for (const auto& i : *previous)
    if (!kept.contains(i.id)) removed.insert(i.id);
  for (const auto& id : kept) removed.erase(id);
  update.removed_ids.assign(removed.begin(), removed.end());
  // Alerts go to the outbox with the change itself, in its transaction: an ingest while no
  // server runs is delivered by the next `sitrep serve`, and a process killed right after the
  // commit has queued them all the same (a rerun finds nothing changed, so queues nothing).
  auto alerts = serve::alerts_for(store, *previous, update.incidents);
  if (!alerts) return std::unexpected(alerts.error());
  // An incident the merge left as it was is not written again: after one new article, most
  // of thousands are unchanged, and rewriting each (its JSON and claims) was ~13 % of a POST.
  std::unordered_map<std::string_view, const Incident*> stored;
  for (const Incident& i : *previous) stored.emplace(i.id, &i);
  std::vector<Incident> changed;
  for (const Incident& i : update.incidents) {
    const auto it = stored.find(i.id);
    if (it == stored.end() || !(*it->second == i)) changed.push_back(i);
  }
  auto saved = store.save_incidents(changed, update.removed_ids, update.revisions, *alerts);
  if (!saved) return std::unexpected(saved.error());
  if (after_save) after_save(update);
  return update;
}

Result<ingest::Limits> resolve_limits(const LimitOptions& options) {
  auto limits = ingest::limits_from_env();
  if (!limits) return limits;
  if (options.max_bytes) limits->max_bytes = options.max_bytes;
  if (options.max_depth) limits->html.max_depth = options.max_depth;
  if (options.max_attributes) limits->html.max_attributes = options.max_attributes;
  if (options.max_nodes) limits->html.max_nodes = options.max_nodes;
  if (options.max_entity_bytes) limits->max_entity_bytes = options.max_entity_bytes;
  if (options.timeout) limits->timeout_seconds = *options.timeout;
  return limits;
}

Result<std::shared_ptr<const Engine>> load_engine(const std::string& scope_option) {
  auto lexicon = load_lexicon();
  if (!lexicon) return std::unexpected(lexicon.error());
  auto model = load_model();
  if (!model) return std::unexpected(model.error());
  auto scope = scope_of(scope_option);
  if (!scope) return std::unexpected(scope.error());
  return std::make_shared<const Engine>(std::move(*lexicon), std::move(*model), std::move(*scope));
}

namespace {

std::unexpected<Error> overran(const Document& document, double seconds) {
  return invalid_input(document.doc + ": took more than " + describe_seconds(seconds) +
                       " s to read (limit: --timeout, $SITREP_TIMEOUT); left unfinished");
}

// Runs on the watchdog's worker. A fault in extraction must not end a batch: it is kept in
// `fault` for the caller to report with the document's name, and the report stays empty (the
// document counts as reporting no attack).
Report extract_catching(const Engine& engine, const Document& document, const CleanText& clean,
                        std::string& fault) {
  try {
    return engine.extractor.extract(document, clean);
  } catch (const std::exception& e) {
    fault = e.what();
    return Report{};
  }
}

// On the caller's thread once the job is done: names a fault, puts the metadata on the report.
Report finish_report(Report report, const std::string& fault, const Document& document,
                     const CleanText& clean, std::ostream& err) {
  if (!fault.empty())
    err << "sitrep: " << terminal_safe(document.doc)
        << ": extraction failed: " << terminal_safe(fault) << "\n";
  stamp(report, document, clean);
  return report;
}

}  // namespace

// Each job owns copies of what it reads: if it overruns, it finishes after its call returned.

Result<CleanText> Analyser::clean(const Document& document) {
  struct Job {
    Document document;
    ingest::HtmlLimits limits;
    Result<CleanText> clean = CleanText{};
  };
  auto job = std::make_shared<Job>(Job{document, limits_.html});
  const bool finished =
      runner_.run([job] { job->clean = ingest::clean(job->document, job->limits); },
                  std::chrono::duration<double>(limits_.timeout_seconds));
  if (!finished) return overran(document, limits_.timeout_seconds);
  return std::move(job->clean);
}

Result<Report> Analyser::extract(const Document& document, const CleanText& clean,
                                 std::ostream& err, std::chrono::duration<double> used) {
  struct Job {
    Document document;
    CleanText clean;
    std::shared_ptr<const Engine> engine;
    Report report;
    std::string fault;
  };
  auto job = std::make_shared<Job>(Job{document, clean, engine_, {}, {}});
  const auto left = std::chrono::duration<double>(limits_.timeout_seconds) - used;
  const bool unlimited = limits_.timeout_seconds <= 0;
  if (!unlimited && left.count() <= 0) return overran(document, limits_.timeout_seconds);
  const bool finished = runner_.run(
      [job] {
        job->report = extract_catching(*job->engine, job->document, job->clean, job->fault);
      },
      unlimited ? std::chrono::duration<double>(0) : left);
  if (!finished) return overran(document, limits_.timeout_seconds);
  return finish_report(std::move(job->report), job->fault, document, clean, err);
}

// Clean and extract as one job, not clean() then extract(): at most one hand-off to the
// watchdog's worker per document (none while the queue is busy), where the hand-off per job was
// the top hot spot of `sitrep extract` (docs/PERFORMANCE.md); the clean text is not copied.
void Analyser::submit(Document document, std::ostream& err, Done done, Mode mode) {
  // A large document waits for the queue to empty first: the queue then holds at most one
  // (besides DeadlineRunner::kDepth small ones), as the synchronous path did.
  constexpr std::size_t kLarge = std::size_t{1} << 20;
  if (document.raw.size() > kLarge) runner_.drain();
  struct Job {
    std::shared_ptr<const Document> document;  // read by both threads, written by neither
    ingest::HtmlLimits limits;
    std::shared_ptr<const Engine> engine;
    Result<CleanText> clean = CleanText{};  // the rest: written by the job, read once it finished
    Report report;
    std::string fault;
    std::chrono::duration<double> clean_time{};
    // Set (release) once `clean` and `clean_time` are written for good: from then on the worker
    // only reads them, so the caller may copy them even while an overrunning job goes on.
    std::atomic<bool> cleaned = false;
  };
  auto job = std::make_shared<Job>(std::make_shared<const Document>(std::move(document)),
                                   limits_.html, mode == Mode::kClean ? nullptr : engine_);
  const double seconds = limits_.timeout_seconds;
  runner_.submit(
      [job] {
        const auto start = Clock::now();
        job->clean = ingest::clean(*job->document, job->limits);
        job->clean_time = Clock::now() - start;
        job->cleaned.store(true, std::memory_order_release);
        if (job->clean && job->engine)
          job->report = extract_catching(*job->engine, *job->document, *job->clean, job->fault);
      },
      std::chrono::duration<double>(seconds),
      [job, seconds, mode, &err, done = std::move(done)](bool finished) {
        const Document& document = *job->document;
        // Not finished: the job may still run, so only the document is read, and the clean
        // text copied once it is final.
        if (!finished) {
          if (mode == Mode::kIngest && job->engine &&
              job->cleaned.load(std::memory_order_acquire) && job->clean) {
            Analysed late{*job->clean, {}, false, job->clean_time};
            late.overran = overran(document, seconds).error().message;
            return done(document, std::move(late));
          }
          return done(document, overran(document, seconds));
        }
        if (!job->clean) return done(document, std::unexpected(job->clean.error()));
        if (!job->engine)
          return done(document, Analysed{std::move(*job->clean), {}, false, job->clean_time});
        Analysed analysed{std::move(*job->clean), std::move(job->report), true, job->clean_time};
        if (mode == Mode::kIngest) {
          analysed.fault = std::move(job->fault);
          stamp(analysed.report, document, analysed.clean);
        } else {
          analysed.report =
              finish_report(std::move(analysed.report), job->fault, document, analysed.clean, err);
        }
        done(document, std::move(analysed));
      });
}

Result<Analyser::Analysed> Analyser::analyse(const Document& document, std::ostream& err) {
  std::optional<Result<Analysed>> result;
  submit(document, err,
         [&result](const Document&, Result<Analysed> analysed) { result = std::move(analysed); });
  drain();
  return std::move(*result);
}

Result<void> Ingester::prepare() {
  if (engine_) return {};
  auto engine = load_engine(scope_);
  if (!engine) return std::unexpected(engine.error());
  engine_ = std::move(*engine);
  analyser_.set_engine(engine_);
  queue_.set_engine(engine_);
  return {};
}

void Ingester::submit(store::Store& store, Document document, std::ostream& err, const Each& each) {
  if (failed_) return;
  // Extracted on the worker once the lexicon is loaded, unless the last document was known
  // already: a rerun over stored documents should not extract them all to throw the reports
  // away. A document that turns out new without its report is extracted in settle().
  const bool extract = engine_ != nullptr && !last_known_;
  queue_.submit(
      std::move(document), err,
      [this, &store, &err, &each](const Document& d, Result<Analyser::Analysed> analysed) {
        settle(store, d, std::move(analysed), err, each);
      },
      extract ? Analyser::Mode::kIngest : Analyser::Mode::kClean);
}

void Ingester::finish(store::Store& store, const Each& each) {
  queue_.drain();
  if (failed_) return;
  if (auto flushed = flush(store, each); !flushed) {
    failed_ = true;
    each(std::unexpected(flushed.error()));
  }
}

void Ingester::settle(store::Store& store, const Document& document,
                      Result<Analyser::Analysed> analysed, std::ostream& err, const Each& each) {
  if (failed_) return;
  auto fail = [&](const Error& error) {
    failed_ = true;
    pending_.clear();
    pending_ids_.clear();
    each(std::unexpected(error));
  };
  Outcome outcome;
  if (!analysed) {
    outcome.rejected = analysed.error().message;
    return each(std::move(outcome));
  }
  CleanText& clean = analysed->clean;
  store::StoredDocument stored;
  stored.id = outcome.id = ingest::document_id(document, clean);
  // The same text twice in one batch: the first is stored before the second is looked up, as
  // add() would have it.
  if (pending_ids_.contains(stored.id))
    if (auto flushed = flush(store, each); !flushed) return fail(flushed.error());
  auto is_known = store.has_document(stored.id);
  if (!is_known) return fail(is_known.error());
  last_known_ = *is_known;
  if (*is_known) {
    if (!document.url.empty()) {
      auto learned = store.add_document_url(stored.id, document.url);
      if (!learned) return fail(learned.error());
      outcome.url_added = *learned;
    }
    return each(std::move(outcome));
  }
  // New: what add() would have said of its extraction.
  if (!analysed->overran.empty()) {
    outcome.rejected = analysed->overran;
    return each(std::move(outcome));
  }
  Report report;
  if (analysed->extracted) {
    if (!analysed->fault.empty())
      err << "sitrep: " << terminal_safe(document.doc)
          << ": extraction failed: " << terminal_safe(analysed->fault) << "\n";
    report = std::move(analysed->report);
  } else {
    // Loading the lexicon counts against the document's time, as in add().
    const auto start = Clock::now();
    if (auto ready = prepare(); !ready) return fail(ready.error());
    auto extracted =
        analyser_.extract(document, clean, err, analysed->clean_time + (Clock::now() - start));
    if (!extracted) {
      outcome.rejected = extracted.error().message;
      return each(std::move(outcome));
    }
    report = std::move(*extracted);
  }
  report.doc_id = stored.id;
  fill_stored(stored, document, std::move(clean));
  if (pending_.empty()) pending_since_ = Clock::now();
  pending_ids_.insert(stored.id);
  pending_.push_back({std::move(stored), std::move(report)});
  if (pending_.size() >= kBatch || Clock::now() - pending_since_ >= std::chrono::seconds(1))
    if (auto flushed = flush(store, each); !flushed) return fail(flushed.error());
}

Result<void> Ingester::flush(store::Store& store, const Each& each) {
  if (pending_.empty()) return {};
  auto put = store.put_documents(pending_);
  if (!put) return std::unexpected(put.error());
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    Outcome outcome;
    outcome.id = pending_[i].document.id;
    outcome.added = (*put)[i];  // another process may have stored it meanwhile
    if (outcome.added) outcome.report = std::move(pending_[i].report);
    each(std::move(outcome));
  }
  pending_.clear();
  pending_ids_.clear();
  return {};
}

Result<Ingester::Outcome> Ingester::add(store::Store& store, const Document& document,
                                        std::ostream& err) {
  Outcome outcome;
  const auto start = Clock::now();
  auto clean = analyser_.clean(document);
  if (!clean) {
    outcome.rejected = clean.error().message;
    return outcome;
  }
  store::StoredDocument stored;
  stored.id = outcome.id = ingest::document_id(document, *clean);
  auto is_known = store.has_document(stored.id);
  if (!is_known) return std::unexpected(is_known.error());
  if (*is_known) {
    // The same text read again: a URL learned now (a manifest, a feed) is added to it.
    if (!document.url.empty()) {
      auto learned = store.add_document_url(stored.id, document.url);
      if (!learned) return std::unexpected(learned.error());
      outcome.url_added = *learned;
    }
    return outcome;
  }
  if (auto ready = prepare(); !ready) return std::unexpected(ready.error());
  auto report = analyser_.extract(document, *clean, err, Clock::now() - start);
  if (!report) {
    outcome.rejected = report.error().message;
    return outcome;
  }
  outcome.report = std::move(*report);
  outcome.report.doc_id = stored.id;
  fill_stored(stored, document, std::move(*clean));
  auto put = store.put_document(stored, outcome.report);
  if (!put) return std::unexpected(put.error());
  outcome.added = *put;  // another process may have stored it meanwhile
  return outcome;
}

std::string default_db() {
  const char* env = std::getenv("SITREP_DB");
  return env && *env ? env : "sitrep.db";
}

bool is_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  const int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2)),
            day = std::stoi(text.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::optional<Near> parse_near(const std::string& text) {
  double values[3];
  std::size_t position = 0;
  for (int i = 0; i < 3; ++i) {
    const std::size_t comma = text.find(',', position);
    if ((i < 2) != (comma != std::string::npos)) return std::nullopt;
    const std::string part =
        text.substr(position, comma == std::string::npos ? std::string::npos : comma - position);
    char* end = nullptr;
    values[i] = std::strtod(part.c_str(), &end);
    if (part.empty() || *end != '\0' || !std::isfinite(values[i])) return std::nullopt;
    position = comma + 1;
  }
  Near near{values[0], values[1], values[2]};
  if (std::abs(near.lat) > 90 || std::abs(near.lon) > 180 || near.km <= 0) return std::nullopt;
  return near;
}

int run_extract(const ExtractOptions& options, Streams io) {
  auto limits = resolve_limits(options.limits);
  if (!limits) {
    io.err << "sitrep: " << limits.error().message << "\n";
    return kExitUsage;
  }
  int status = kExitOk;
  if (!extractor_settings(options.scope, io, status)) return status;  // usage errors first
  auto engine = load_engine(options.scope);
  if (!engine) return report_error(io, engine.error().message);
  Analyser analyser(*engine, *limits);
  std::size_t rejected = 0;
  // Called in input order, on this thread, while the next documents are analysed.
  const Analyser::Done write = [&](const Document& document, Result<Analyser::Analysed> analysed) {
    if (!analysed) {
      io.err << "sitrep: " << terminal_safe(analysed.error().message) << "\n";
      ++rejected;
      return;
    }
    if (options.explain) {
      io.out << "== " << document.doc << "\n";
      for (const auto& line : (*engine)->extractor.explain(document, analysed->clean).trace)
        io.out << line << "\n";
    }
    io.out << to_json(analysed->report).dump() << "\n";
  };
  const ingest::DocumentSink each = [&](Document&& document) {
    analyser.submit(std::move(document), io.err, write);
  };
  Inputs inputs = read_inputs(options.manifest, options.paths, *limits, io, &each,
                              [&analyser] { analyser.drain(); });
  analyser.drain();  // after a usage error too: no job is left behind
  if (inputs.usage_error) return kExitUsage;
  io.out.flush();
  return inputs.loaded.errors.empty() && rejected == 0 ? kExitOk : kExitRejected;
}

int run_ingest(const IngestOptions& options, Streams io) {
  auto limits = resolve_limits(options.limits);
  if (!limits) {
    io.err << "sitrep: " << limits.error().message << "\n";
    return kExitUsage;
  }
  auto store = store::open_store(options.db);
  if (!store) return report_error(io, store.error().message);
  // The lexicon takes a while to compile; it is loaded only once a document turns out to be new,
  // so re-reading a feed of known articles stays fast. Documents are stored as they are read.
  std::optional<Ingester> ingester;
  ingester.emplace(options.scope, *limits);
  Progress progress(io.err, 0, options.progress && !options.quiet);
  std::size_t added = 0, known = 0, rejected = 0, done = 0;
  std::optional<std::string> fatal;  // a store failure: the rest is read but not stored
  const Ingester::Each counted = [&](Result<Ingester::Outcome> outcome) {
    if (fatal) return;
    if (!outcome) {
      fatal = outcome.error().message;
      return;
    }
    if (!outcome->rejected.empty()) {
      progress.finish();  // clear the line before the message
      io.err << "sitrep: " << terminal_safe(outcome->rejected) << "\n";
      ++rejected;
    } else {
      (outcome->added ? added : known) += 1;
    }
    progress.update(++done);
  };
  const ingest::DocumentSink each = [&](Document&& document) {
    if (!fatal) ingester->submit(**store, std::move(document), io.err, counted);
  };
  // Every document stored before the loader's own errors are printed, as before.
  Inputs inputs = read_inputs(options.manifest, options.paths, *limits, io, &each,
                              [&] { ingester->finish(**store, counted); });
  ingester->finish(**store, counted);  // after a usage error too: no job is left behind
  // The merge below is where ingest's memory peaks: the lexicon (~40 MB) and what extraction
  // left free on the worker's heap are given back first.
  ingester.reset();
  release_free_memory();
  progress.finish();
  if (inputs.usage_error) return kExitUsage;
  if (fatal) return report_error(io, *fatal);
  rejected += inputs.loaded.errors.size();
  auto incidents = rebuild_incidents(**store);
  if (!incidents) return report_error(io, incidents.error().message);
  if (!options.quiet)
    io.err << "ingest: " << added << " new, " << known << " already known, " << rejected
           << " rejected; " << incidents->incidents.size() << " incidents\n";
  return rejected == 0 ? kExitOk : kExitRejected;
}

int run_documents(const DocumentsOptions& options, Streams io) {
  auto store = store::open_store(options.db, store::Access::kReadOnly);
  if (!store) return report_error(io, store.error().message);
  auto documents = (*store)->documents({options.words});
  if (!documents) return report_error(io, documents.error().message);
  if (options.format == "json") {
    json array = json::array();
    for (const auto& d : *documents)
      array.push_back(json{{"doc", d.doc},
                           {"id", d.id},
                           {"outlet", d.outlet.empty() ? json(nullptr) : json(d.outlet)},
                           {"published", d.published.empty() ? json(nullptr) : json(d.published)},
                           {"language", d.language},
                           {"chars", d.chars},
                           {"title", d.title},
                           {"url", d.url.empty() ? json(nullptr) : json(d.url)},
                           {"ingested_at", d.ingested_at}});
    io.out << array.dump(2) << "\n";
    return kExitOk;
  }
  // 18 + 1 + 24 + 1 + 10 + 1 + 4 + 1 + 6 + 1 + 13 = 80 columns.
  io.out << fit("ID", 18) << " " << fit("DOC", 24) << " " << fit("PUBLISHED", 10) << " "
         << fit("LANG", 4) << " " << fit("CHARS", 6) << " "
         << "OUTLET\n";
  for (const auto& d : *documents) {
    std::string chars = std::to_string(d.chars);
    io.out << fit(d.id, 18) << " " << fit(d.doc, 24) << " "
           << fit(d.published.empty() ? "-" : d.published, 10) << " " << fit(d.language, 4) << " "
           << std::string(chars.size() < 6 ? 6 - chars.size() : 0, ' ') << chars << " "
           << last_column(d.outlet.empty() ? "-" : d.outlet, 13) << "\n";
  }
  io.out << documents->size() << " document" << (documents->size() == 1 ? "" : "s") << "\n";
  return kExitOk;
}

int run_incidents(const IncidentsOptions& options, Streams io) {
  store::IncidentQuery query;
  query.since = options.since;
  query.until = options.until;
  query.facility = options.facility;
  query.weapon = options.weapon;
  if (!options.near.empty()) {
    auto near = parse_near(options.near);
    if (!near) {
      io.err << "sitrep: --near: expected LAT,LON,KM (e.g. 33.3,44.4,25), got '" << options.near
             << "'\n";
      return kExitUsage;
    }
    query.near_lat = near->lat;
    query.near_lon = near->lon;
    query.near_km = near->km;
  }
  auto store = store::open_store(options.db, store::Access::kReadOnly);
  if (!store) return report_error(io, store.error().message);
  auto incidents = (*store)->incidents(query);
  if (!incidents) return report_error(io, incidents.error().message);
  if (options.format == "json")
    io.out << serve::incidents_json(*incidents);
  else if (options.format == "csv")
    io.out << serve::incidents_csv(*incidents);
  else if (options.format == "geojson")
    io.out << serve::incidents_geojson(*incidents);
  else
    io.out << serve::incidents_table(*incidents);
  io.out.flush();
  return kExitOk;
}

int run_show(const ShowOptions& options, Streams io) {
  auto store = store::open_store(options.db, store::Access::kReadOnly);
  if (!store) return report_error(io, store.error().message);
  auto incident = (*store)->incident(options.id);
  if (!incident) return report_error(io, incident.error().message);
  if (!*incident) return report_error(io, "no incident with id '" + options.id + "'");
  if (!options.history) {
    io.out << to_json(**incident).dump(2) << "\n";
    return kExitOk;
  }
  auto revisions = (*store)->revisions(options.id);
  if (!revisions) return report_error(io, revisions.error().message);
  io.out << options.id << ": revision " << (*incident)->revision << ", " << revisions->size()
         << " recorded change" << (revisions->size() == 1 ? "" : "s") << "\n";
  for (const auto& r : *revisions)
    io.out << "  rev " << r.revision << "  " << r.at << "  " << (r.doc.empty() ? "-" : r.doc)
           << "  " << r.changes << "\n";
  return kExitOk;
}

nlohmann::json tally_rows(const std::vector<Report>& reports,
                          const std::vector<Incident>& incidents) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& claim : merge::tallies(reports)) {
    const Tally& t = claim.tally;
    std::vector<std::string> countries;
    for (std::size_t start = 0; start < t.region.size();) {
      std::size_t comma = t.region.find(',', start);
      if (comma == std::string::npos) comma = t.region.size();
      if (comma > start) countries.push_back(t.region.substr(start, comma - start));
      start = comma + 1;
    }
    // An unresolved period start ("mid-October") cannot be counted against.
    bool dated = t.period_start.size() == 10 && t.period_start[4] == '-';
    nlohmann::json row{{"doc", claim.doc},
                       {"published", claim.published},
                       {"count", t.count},
                       {"qualifier", t.qualifier},
                       {"period_start", t.period_start},
                       {"period_end", t.period_end},
                       {"region", t.region},
                       {"target", t.target},
                       {"source", claim.source},
                       {"text", t.evidence.text}};
    row["sitrep_count"] = dated ? nlohmann::json(merge::count_incidents(incidents, t.period_start,
                                                                        t.period_end, countries))
                                : nlohmann::json(nullptr);
    rows.push_back(std::move(row));
  }
  return rows;
}

int run_tallies(const TalliesOptions& options, Streams io) {
  auto store = store::open_store(options.db, store::Access::kReadOnly);
  if (!store) return report_error(io, store.error().message);
  auto reports = (*store)->reports();
  if (!reports) return report_error(io, reports.error().message);
  auto incidents = (*store)->incidents(store::IncidentQuery{});
  if (!incidents) return report_error(io, incidents.error().message);
  const nlohmann::json rows = tally_rows(*reports, *incidents);
  if (options.format == "json") {
    io.out << rows.dump(2) << "\n";
    return kExitOk;
  }
  io.out << "CLAIM           PERIOD                  REGION   SITREP DOC\n";
  for (const auto& row : rows) {
    std::string claim =
        (row["qualifier"].get<std::string>().empty() ? ""
                                                     : row["qualifier"].get<std::string>() + " ") +
        std::to_string(row["count"].get<int>());
    std::string period =
        row["period_start"].get<std::string>() + ".." + row["period_end"].get<std::string>();
    std::string ours = row["sitrep_count"].is_null() ? "-" : row["sitrep_count"].dump();
    io.out << fit(claim, 15) << " " << fit(period, 23) << " " << fit(row["region"], 8) << " "
           << fit(ours, 6) << " " << last_column(row["doc"], 23) << "\n";
  }
  io.out << rows.size() << " tally claim" << (rows.size() == 1 ? "" : "s") << "\n";
  return kExitOk;
}

// Every document's report, in input order; a document the analysis rejects is named on stderr
// and counted in `rejected`.
std::vector<Report> analyse_all(const Inputs& inputs, std::shared_ptr<const Engine> engine,
                                const ingest::Limits& limits, Streams io, std::size_t& rejected) {
  Analyser analyser(std::move(engine), limits);
  std::vector<Report> reports;
  for (const Document& document : inputs.loaded.documents) {
    analyser.submit(document, io.err, [&](const Document&, Result<Analyser::Analysed> analysed) {
      if (!analysed) {
        io.err << "sitrep: " << terminal_safe(analysed.error().message) << "\n";
        ++rejected;
        return;
      }
      reports.push_back(std::move(analysed->report));
    });
  }
  analyser.drain();
  return reports;
}

// A gold file's lines; a missing or malformed file is reported (the caller exits with 2).
std::optional<std::vector<json>> load_gold(const std::string& path, Streams io) {
  bool ok = false;
  const std::string gold_text = read_file(path, ok);
  if (!ok) {
    io.err << "sitrep: " << path << ": cannot read gold file\n";
    return std::nullopt;
  }
  auto gold = eval::parse_jsonl(gold_text, path);
  if (!gold) {
    io.err << "sitrep: " << gold.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*gold);
}

int run_eval(const EvalOptions& options, Streams io) {
  auto gold = load_gold(options.gold, io);
  if (!gold) return kExitUsage;
  eval::ScoreInput input;
  input.gold = std::move(*gold);
  if (!options.language.empty())
    std::erase_if(input.gold, [&](const json& line) {
      return line.value("language", std::string("en")) != options.language;
    });
  if (!options.facilities.empty()) {
    bool ok = false;
    const std::string text = read_file(options.facilities, ok);
    auto places = ok ? eval::parse_places(text, options.facilities)
                     : Result<eval::Places>(invalid_input(options.facilities + ": cannot read"));
    if (!places) {
      io.err << "sitrep: " << places.error().message << "\n";
      return kExitUsage;
    }
    input.places = std::move(*places);
  }

  auto limits = resolve_limits(options.limits);
  if (!limits) {
    io.err << "sitrep: " << limits.error().message << "\n";
    return kExitUsage;
  }
  int status = kExitOk;
  if (!extractor_settings(options.scope, io, status)) return status;
  auto engine = load_engine(options.scope);
  if (!engine) return report_error(io, engine.error().message);
  Inputs inputs = read_inputs(options.manifest, options.paths, *limits, io);
  if (inputs.usage_error) return kExitUsage;
  std::size_t rejected = 0;
  const std::vector<Report> reports = analyse_all(inputs, *engine, *limits, io, rejected);
  for (const Report& report : reports) input.reports.push_back(to_json(report));
  if (options.merge) {
    auto attach = load_attach_model();
    if (!attach) return report_error(io, attach.error().message);
    merge::Update update = merge::rebuild(reports, {}, now_utc(), *attach);
    json incidents = json::array();
    for (const auto& i : update.incidents) incidents.push_back(to_json(i));
    input.incidents = std::move(incidents);
  }
  eval::Scores scores = eval::score(input);
  io.out << (options.json ? scores.json_text() : scores.text());
  io.out.flush();
  // The wrong articles go to stderr so stdout stays exactly score.py's format.
  io.err << scores.errors_text();
  return inputs.loaded.errors.empty() && rejected == 0 ? kExitOk : kExitRejected;
}

namespace {

// A gold line's doc as a file name ("texts/a001.txt" -> "a001.txt").
std::string file_name(const std::string& doc) {
  return doc.substr(doc.find_last_of('/') + 1);
}

// A fitted model's file: printed when `out` is empty, else written in place of the old one.
int write_model(const std::string& out, const std::string& text, Streams io) {
  if (out.empty()) {
    io.out << text;
    return kExitOk;
  }
  if (auto written = write_file_atomically(out, text); !written)
    return report_error(io, written.error().message);
  return kExitOk;
}

}  // namespace

int run_train_detect(const TrainDetectOptions& options, Streams io) {
  auto gold = load_gold(options.gold, io);
  if (!gold) return kExitUsage;
  std::map<std::string, bool> label;  // doc file name -> reports_attack
  for (const auto& line : *gold) {
    auto doc = line.value("doc", std::string());
    label[file_name(doc)] = line.value("reports_attack", false);
  }
  auto lexicon = load_lexicon();
  if (!lexicon) return report_error(io, lexicon.error().message);
  Inputs inputs = read_inputs(options.manifest, options.paths, ingest::Limits{}, io);
  if (inputs.usage_error) return kExitUsage;
  std::vector<extract::Example> examples;
  std::size_t without_anchor = 0;
  for (const Document& document : inputs.loaded.documents) {
    auto name = document.doc.substr(document.doc.find_last_of('/') + 1);
    auto it = label.find(name);
    if (it == label.end()) continue;
    CleanText clean = ingest::clean(document);
    auto reading = extract::ReadingText::of(clean, *lexicon);
    if (!reading) continue;  // a language sitrep does not read
    auto article = extract::annotate(reading->text(), document.published, *lexicon);
    // An article with no anchor is never an attack report; it teaches the weights nothing.
    auto anchor = extract::choose_anchor(article, *lexicon);
    if (!anchor) {
      ++without_anchor;
      continue;
    }
    examples.push_back({extract::detection_features(article, *lexicon, *anchor), it->second});
  }
  auto prior = load_model();
  if (!prior) return report_error(io, prior.error().message);
  auto fit = extract::fit_detect_model(examples, options.c, *prior);
  if (!fit) return report_error(io, fit.error().message);
  std::ostringstream header;
  header << "Detection model: logistic regression over the features in src/extract/detect.h.\n"
         << "p = 1 / (1 + exp(-(bias + sum weight * feature))); an article reports an attack "
            "when p >= threshold.\n"
         << "Fitted by `make train` (sitrep train-detect) on " << options.gold << ": "
         << examples.size() << " articles with an anchor, C=" << options.c << ".\n"
         << "Threshold chosen on 10-fold out-of-fold probabilities: accuracy " << fit->cv_accuracy
         << ", MCC " << fit->cv_mcc << ".";
  std::string text = extract::model_file_text(fit->model, header.str());
  io.err << "train-detect: " << examples.size() << " articles (" << without_anchor
         << " without an anchor left out), cross-validated accuracy " << fit->cv_accuracy
         << ", MCC " << fit->cv_mcc << "\n";
  return write_model(options.out, text, io);
}

int run_train_attach(const TrainAttachOptions& options, Streams io) {
  auto gold = load_gold(options.gold, io);
  if (!gold) return kExitUsage;
  // doc file name -> its attack's gold incident id; empty for an article reporting none.
  std::map<std::string, std::string> incident_of;
  for (const auto& line : *gold)
    incident_of[file_name(line.value("doc", std::string()))] =
        line.value("reports_attack", false) ? line.value("incident", std::string()) : "";
  // No time limit: which articles a slow machine gives up on must not change the fit.
  const ingest::Limits limits;
  auto engine = load_engine("");
  if (!engine) return report_error(io, engine.error().message);
  Inputs inputs = read_inputs(options.manifest, options.paths, limits, io);
  if (inputs.usage_error) return kExitUsage;
  // Only the gold's articles: reports of the held-out split must not shape the candidates.
  std::erase_if(inputs.loaded.documents,
                [&](const Document& d) { return !incident_of.contains(file_name(d.doc)); });
  std::size_t rejected = 0;
  const std::vector<Report> reports = analyse_all(inputs, *engine, limits, io, rejected);
  if (rejected > 0) io.err << "train-attach: " << rejected << " articles could not be read\n";
  // Each labelled undated report; its answer is the candidate holding most reports of its own
  // attack (an attack split in two gives two such candidates), none when no candidate holds one.
  std::vector<merge::AttachExample> examples;
  for (const merge::UndatedReport& undated : merge::undated_reports(reports)) {
    auto own = incident_of.find(file_name(undated.doc));
    if (own == incident_of.end()) continue;
    merge::AttachExample example;
    std::size_t most = 0;
    for (std::size_t k = 0; k < undated.candidates.size(); ++k) {
      const auto& candidate = undated.candidates[k];
      example.candidates.push_back(candidate.features);
      std::size_t same = 0;
      for (const auto& doc : candidate.docs) {
        auto it = incident_of.find(file_name(doc));
        same += !own->second.empty() && it != incident_of.end() && it->second == own->second;
      }
      if (same > most) most = same, example.answer = k;
    }
    examples.push_back(std::move(example));
  }
  auto fit = merge::fit_attach_model(examples, options.l2);
  if (!fit) return report_error(io, options.gold + ": " + fit.error().message);
  // The threshold: the one whose merge of the training articles scores best (B-cubed against
  // the gold), from 0.5 down to 0.2 in steps of 0.05, the higher on a tie. P >= 0.5 makes each
  // join more likely right than not, but one report placed with its attack's many reports gains
  // more than a wrong join loses.
  eval::ScoreInput scoring;
  scoring.gold = *gold;
  for (const Report& report : reports) scoring.reports.push_back(to_json(report));
  double best_f1 = -1, f1_at_half = 0;
  const double fitted_threshold = fit->model.threshold;
  for (int step = 10; step >= 4; --step) {
    merge::AttachModel model = fit->model;
    model.threshold = step * 0.05;
    json incidents = json::array();
    for (const auto& incident : merge::rebuild(reports, {}, now_utc(), model).incidents)
      incidents.push_back(to_json(incident));
    scoring.incidents = std::move(incidents);
    const double f1 = eval::score(scoring).get("merge_bcubed_f1").value_or(0);
    io.err << "train-attach: threshold " << model.threshold << ": merge B-cubed " << f1 << "\n";
    if (step == 10) f1_at_half = f1;
    if (f1 > best_f1 + 1e-9) best_f1 = f1, fit->model.threshold = model.threshold;
  }
  std::size_t answered = 0;
  for (const auto& e : examples) answered += e.answer.has_value();
  std::ostringstream header;
  header << "Attach model: conditional logit over the features in src/merge/attach.h.\n"
         << "A candidate scores bias + sum weight * feature, staying apart scores 0; an undated "
            "report joins its best candidate when exp(score) / (1 + sum exp(scores)) >= "
            "threshold.\n"
         << "Fitted by `make train` (sitrep train-attach) on " << options.gold << ": "
         << examples.size() << " undated reports with candidates, " << answered
         << " of them with their own attack among the candidates; penalty " << options.l2
         << " / 2 x squared weights.\n"
         << "Threshold chosen on the same articles' merge B-cubed F1: " << best_f1 << " at "
         << fit->model.threshold << " (" << f1_at_half << " at " << fitted_threshold << ").";
  const std::string text = merge::attach_model_file_text(fit->model, header.str());
  io.err << "train-attach: " << examples.size() << " undated reports (" << answered
         << " with their attack among the candidates), " << fit->iterations
         << " Newton steps, log-likelihood " << fit->log_likelihood << ", threshold "
         << fit->model.threshold << " (merge B-cubed " << best_f1 << ")\n";
  return write_model(options.out, text, io);
}

}  // namespace sitrep::cli
