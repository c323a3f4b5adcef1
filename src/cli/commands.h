// The `sitrep` subcommands as functions: options in, exit status out (0 ok, 1 some inputs
// rejected or a store/runtime error, 2 usage). Output goes to the given streams so the same code
// serves the command line and tests. Argument parsing lives in main.cpp.
#pragma once

#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/deadline.h"
#include "core/document.h"
#include "core/error.h"
#include "core/report.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "lexicon/lexicon.h"
#include "merge/merge.h"
#include "store/store.h"

namespace sitrep::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;
inline constexpr int kExitUsage = 2;

// $SITREP_DB, else ./sitrep.db.
std::string default_db();

struct Streams {
  std::ostream& out;
  std::ostream& err;
};

// The limits of a run: ingest::limits_from_env() with the command line's options on top.
// An option left at 0 keeps the environment's (or the default) value.
struct LimitOptions {
  std::size_t max_bytes = 0, max_depth = 0, max_attributes = 0, max_nodes = 0, max_entity_bytes = 0;
  std::optional<double> timeout;
};
Result<ingest::Limits> resolve_limits(const LimitOptions& options);

// The inputs of a run, read as ingest reads them: files, directories, JSONL dumps, feeds, URLs
// and "-", with the manifest's metadata when one is given. Rejected inputs and warnings are
// named on `io.err`; `usage_error` is set when the manifest itself cannot be used.
// With `each`, every document goes to it as soon as its file is read and none is kept, so a run
// over any number of files holds one at a time (docs/PERFORMANCE.md); the problems of reading
// are named once all inputs are read.
struct Inputs {
  ingest::Loaded loaded;
  bool usage_error = false;
};
// `read`, when given, is called once every document went to `each` and before the problems are
// named (a caller that queues documents finishes them there, so messages keep their order).
Inputs read_inputs(const std::string& manifest_path, const std::vector<std::string>& paths,
                   const ingest::Limits& limits, Streams io,
                   const ingest::DocumentSink* each = nullptr,
                   const std::function<void()>& read = {});

struct ExtractOptions {
  std::string manifest;
  LimitOptions limits;
  std::vector<std::string> paths;
  std::string format = "jsonl";
  bool explain = false;  // print the extractor's trace before each report
  std::string scope;     // watched targets ("diplomatic", "military,IQ"); empty: $SITREP_SCOPE
};
int run_extract(const ExtractOptions& options, Streams io);

struct IngestOptions {
  std::string manifest;
  LimitOptions limits;
  std::vector<std::string> paths;
  std::string db;
  bool quiet = false;
  bool progress = false;  // draw a progress bar on `err` (main sets it when stderr is a tty)
  std::string scope;      // as for extract
};
int run_ingest(const IngestOptions& options, Streams io);

struct DocumentsOptions {
  std::string db;
  std::string format = "table";
  std::string words;
};
int run_documents(const DocumentsOptions& options, Streams io);

struct IncidentsOptions {
  std::string db;
  std::string format = "table";
  std::optional<std::string> since, until;
  std::string near;  // "LAT,LON,KM"
  std::string facility, weapon;
};
int run_incidents(const IncidentsOptions& options, Streams io);

struct ShowOptions {
  std::string db;
  std::string id;
  bool history = false;
};
int run_show(const ShowOptions& options, Streams io);

struct TalliesOptions {
  std::string db;
  std::string format = "table";  // table | json
};
// Tally claims ("78 attacks since October 17") next to sitrep's own count of incidents for the
// same period and region.
int run_tallies(const TalliesOptions& options, Streams io);

struct EvalOptions {
  std::string gold;
  LimitOptions limits;
  std::string manifest;
  std::vector<std::string> paths;
  bool json = false;
  bool merge = false;      // also merge the reports and score merge_bcubed_*
  std::string facilities;  // score.py's --facilities TSV
  std::string scope;       // as for extract
  std::string language;    // score only the gold lines of this language ("ar"; "en" when unsaid)
};
int run_eval(const EvalOptions& options, Streams io);

// The lexicon and the extractor over it, shared (a document abandoned by the watchdog keeps
// them alive while it finishes in the background).
struct Engine {
  Engine(lexicon::Lexicon lexicon_in, extract::DetectModel model, extract::Scope scope)
      : lexicon(std::move(lexicon_in)), extractor(lexicon, std::move(model), std::move(scope)) {}
  lexicon::Lexicon lexicon;
  extract::Extractor extractor;
};

// Clean and extract of one document within the limits: HTML depth, attributes and elements,
// and the watchdog's time per document. Shared by extract, eval, ingest and the server.
// Not thread-safe: one caller at a time.
class Analyser {
 public:
  struct Analysed {
    CleanText clean;
    Report report;          // with the document's metadata
    bool extracted = true;  // false: submitted as kClean (or no engine yet), `report` is empty
    std::chrono::duration<double> clean_time{};  // what cleaning took of the time budget
    // kIngest only: an extraction fault not yet reported, and the message of an extraction
    // that overran its time after the clean finished (`clean` is then a copy, `report` empty).
    std::string fault, overran;
  };
  Analyser(std::shared_ptr<const Engine> engine, ingest::Limits limits)
      : engine_(std::move(engine)), limits_(limits) {}
  // Clean only, within the limits (for callers that need the id before extracting).
  Result<CleanText> clean(const Document& document);
  // Extract `clean`'s document within the time left of its budget (whole timeout by default).
  // An exception inside extraction is reported on `err` with the document's name, and the
  // document counts as reporting no attack.
  Result<Report> extract(const Document& document, const CleanText& clean, std::ostream& err,
                         std::chrono::duration<double> used = {});
  // Both, as one watchdog job: `done` gets what analyse() would return, on this thread and in
  // the order of submission, from a later submit() or drain(). Documents are analysed on the
  // watchdog's worker while the caller reads the next ones, with no thread hand-off per document
  // (core/deadline.h). An error names the document and the limit it went beyond. `err` must
  // outlive the last drain().
  // kClean (or no engine yet) only cleans. kIngest leaves two things to the caller, who first
  // asks whether the text is stored already (then nothing was to be extracted): it reports
  // an extraction fault itself, and an extraction that overran after the clean finished comes
  // back as Analysed with `overran` set rather than as an error.
  enum class Mode { kAnalyse, kClean, kIngest };
  using Done = std::function<void(const Document&, Result<Analysed>)>;
  void submit(Document document, std::ostream& err, Done done, Mode mode = Mode::kAnalyse);
  void drain() { runner_.drain(); }
  // submit() and drain(), for one document.
  Result<Analysed> analyse(const Document& document, std::ostream& err);
  const ingest::Limits& limits() const { return limits_; }
  void set_engine(std::shared_ptr<const Engine> engine) { engine_ = std::move(engine); }

 private:
  std::shared_ptr<const Engine> engine_;
  ingest::Limits limits_;
  DeadlineRunner runner_;
};

// Loads the lexicon, the detection model and the scope ("" : $SITREP_SCOPE, else all).
Result<std::shared_ptr<const Engine>> load_engine(const std::string& scope);

// The ingest path for one document, shared by `sitrep ingest` and `POST /api/documents`:
// clean, skip when already stored (adding a URL the stored copy lacks), extract, store the
// document with its report. The lexicon is compiled on the first new document (or by
// prepare()). A document beyond the limits is not an error of the call: its Outcome says
// `rejected`, and the batch goes on. Not thread-safe: one caller at a time.
class Ingester {
 public:
  struct Outcome {
    std::string id;          // the document id (ingest::document_id)
    bool added = false;      // false: already stored (or rejected), `report` is empty
    bool url_added = false;  // already stored without a URL; this one's URL was added to it
    std::string rejected;    // why the document was rejected ("" when it was not)
    Report report;
  };
  // `scope`: the watched targets, as extract's --scope (empty: $SITREP_SCOPE, else all).
  explicit Ingester(std::string scope = {}, ingest::Limits limits = {})
      : scope_(std::move(scope)), analyser_(nullptr, limits), queue_(nullptr, limits) {}
  Ingester(const Ingester&) = delete;
  Ingester& operator=(const Ingester&) = delete;
  Result<void> prepare();
  Result<Outcome> add(store::Store& store, const Document& document, std::ostream& err);

  // add() for a batch (`sitrep ingest`), with the same outcomes, faster: documents are cleaned
  // and extracted on the watchdog's worker while the caller reads the next ones (no thread
  // hand-off per document), and new ones are stored kBatch at a time (sooner when a new one
  // comes a second or more after the batch's first, and by finish()), each batch in one
  // transaction (Store::put_documents): a commit per document was
  // the larger part of ingest's CPU (docs/PERFORMANCE.md). `each` gets every document's
  // outcome on this thread, in input order, except that a new document's comes when its batch
  // is stored; an error is the store's, and the documents after it are not stored. A process
  // killed mid-batch loses that batch's work, never a committed document: a rerun redoes it.
  using Each = std::function<void(Result<Outcome>)>;
  void submit(store::Store& store, Document document, std::ostream& err, const Each& each);
  // Waits for every submitted document and stores the last batch.
  void finish(store::Store& store, const Each& each);
  static constexpr std::size_t kBatch = 256;

 private:
  // A submitted document's outcome, on this thread in input order.
  void settle(store::Store& store, const Document& document, Result<Analyser::Analysed> analysed,
              std::ostream& err, const Each& each);
  Result<void> flush(store::Store& store, const Each& each);

  std::string scope_;
  std::shared_ptr<const Engine> engine_;
  Analyser analyser_;
  Analyser queue_;  // submit()'s; analyser_ may extract inside its outcomes
  bool last_known_ = false;
  bool failed_ = false;
  std::vector<store::NewDocument> pending_;
  std::set<std::string> pending_ids_;
  std::chrono::steady_clock::time_point pending_since_;
};

// Recomputes every incident from the stored reports and saves the result in one transaction.
// Incidents that vanished from the new set are listed in removed_ids. The alerts the change
// calls for are queued in the outbox (serve/alerts.h) for a running or later `sitrep serve`.
// Only incidents that differ from the stored ones are written. `after_save` gets the update
// once it is committed, while the merge lock is still held (no other merge can land before it).
Result<merge::Update> rebuild_incidents(
    store::Store& store, const std::function<void(const merge::Update&)>& after_save = {});

// The rows of `sitrep tallies --format json` (and GET /api/tallies): each tally claim beside
// sitrep's own count of incidents for the same period and region.
nlohmann::json tally_rows(const std::vector<Report>& reports,
                          const std::vector<Incident>& incidents);

struct TrainDetectOptions {
  std::string gold;
  std::string manifest;
  std::vector<std::string> paths;
  std::string out;  // the model file to write; empty: print it
  double c = 1.0;   // liblinear's inverse regularisation strength
};
// Fits the detection model on the gold's articles and writes it (data/model/detect.tsv).
int run_train_detect(const TrainDetectOptions& options, Streams io);

struct TrainAttachOptions {
  std::string gold;  // incident ids per doc
  std::string manifest;
  std::vector<std::string> paths;
  std::string out;  // the model file to write; empty: print it
  double l2 = 1.0;  // the fit's penalty: l2 / 2 times the squared weights
};
// Fits the model that places undated reports among the dated attacks (data/model/attach.tsv).
int run_train_attach(const TrainAttachOptions& options, Streams io);

// Parses "LAT,LON,KM"; nullopt when malformed or out of range.
struct Near {
  double lat, lon, km;
};
std::optional<Near> parse_near(const std::string& text);

// True for a real calendar date written YYYY-MM-DD.
bool is_iso_date(const std::string& text);

}  // namespace sitrep::cli
