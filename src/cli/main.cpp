// The `sitrep` command: parses arguments with CLI11 and hands over to cli/commands.h.
// Exit status: 0 success, 1 some inputs rejected or a store error, 2 usage error.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "cli/migrate.h"
#include "cli/queue_commands.h"
#include "cli/serve_commands.h"
#include "cli/watch.h"
#include "core/deadline.h"

namespace {

using namespace sitrep::cli;

// Set by SIGINT / SIGTERM during `sitrep watch` and `sitrep worker`: the current item (batch) is
// finished and stored, then the command exits. The handler is reset after the first signal, so a
// second one ends it at once.
std::atomic<bool> stop_watching{false};
void on_stop_signal(int) {
  stop_watching.store(true);
}

// CLI11 validator for YYYY-MM-DD dates.
const CLI::Validator kIsoDate(
    [](std::string& value) {
      return is_iso_date(value) ? std::string() : "expected a date YYYY-MM-DD, got '" + value + "'";
    },
    "YYYY-MM-DD");

const CLI::Validator kNear(
    [](std::string& value) {
      return parse_near(value) ? std::string()
                               : "expected LAT,LON,KM (e.g. 33.3,44.4,25), got '" + value + "'";
    },
    "LAT,LON,KM");

// The resource limits of commands that read untrusted input (docs/CLI.md, docs/ROBUSTNESS.md).
void add_limit_options(CLI::App* command, LimitOptions& limits) {
  const char* group = "Limits (0 or unset: $SITREP_... else the default)";
  command
      ->add_option("--max-bytes", limits.max_bytes,
                   "Largest input file or URL body in bytes ($SITREP_MAX_BYTES, 32 MiB)")
      ->group(group);
  command
      ->add_option("--max-depth", limits.max_depth,
                   "Deepest HTML element nesting ($SITREP_MAX_DEPTH, 512)")
      ->group(group);
  command
      ->add_option("--max-attributes", limits.max_attributes,
                   "Most attributes on one HTML element ($SITREP_MAX_ATTRIBUTES, 1000)")
      ->group(group);
  command
      ->add_option("--max-nodes", limits.max_nodes,
                   "Most HTML elements in one document ($SITREP_MAX_NODES, 500000)")
      ->group(group);
  command
      ->add_option("--max-entity-bytes", limits.max_entity_bytes,
                   "Most text a feed's XML entities may expand to ($SITREP_MAX_ENTITY_BYTES, "
                   "1 MiB)")
      ->group(group);
  command
      ->add_option("--timeout", limits.timeout,
                   "Seconds one document may take to clean and extract; 0: no limit "
                   "($SITREP_TIMEOUT, 30)")
      ->check(CLI::Range(0.0, 1e6))
      ->group(group);
}

void add_db_option(CLI::App* command, std::string& db) {
  command
      ->add_option("--db", db,
                   "Database: a SQLite file or postgresql://... ($SITREP_DB, else ./sitrep.db)")
      ->default_str(db);
}

int run(int argc, char** argv) {
  CLI::App app{
      "sitrep: turns news reports of attacks on diplomatic and military facilities into\n"
      "structured, deduplicated incidents.",
      "sitrep"};
  app.set_version_flag("--version", SITREP_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  sitrep extract --manifest corpus/manifest.jsonl corpus/ --format jsonl\n"
      "  sitrep ingest corpus/ && sitrep incidents --since 2024-01-01\n"
      "Run 'sitrep COMMAND --help' for the options of one command.");

  const std::string db = default_db();

  ExtractOptions extract;
  auto* extract_cmd = app.add_subcommand(
      "extract", "Print what each article says (one JSON report per line); no database.");
  extract_cmd
      ->add_option("--manifest", extract.manifest,
                   "JSONL of {doc,url,outlet,published}, matched by file name")
      ->check(CLI::ExistingFile);
  extract_cmd->add_option("paths", extract.paths, "Files, directories, JSONL dumps, feeds, URLs")
      ->required();
  extract_cmd->add_option("--format", extract.format, "Output format")
      ->check(CLI::IsMember({"jsonl"}))
      ->default_str("jsonl");
  const char* scope_help =
      "Watched targets: target types (diplomatic, military, mixed) and/or country codes, "
      "comma-separated, e.g. 'diplomatic' or 'military,IQ,SY' (default $SITREP_SCOPE, else all)";
  extract_cmd->add_option("--scope", extract.scope, scope_help);
  extract_cmd->add_flag("--explain", extract.explain,
                        "Print, per article, each sentence's role and cues and why the article "
                        "does or does not report an attack, before its JSON report");
  add_limit_options(extract_cmd, extract.limits);
  extract_cmd->footer(
      "Example:\n  sitrep extract --manifest seeds/manifest.jsonl seeds/*.txt --format jsonl "
      "> reports.jsonl");

  IngestOptions ingest;
  ingest.db = db;
  auto* ingest_cmd = app.add_subcommand(
      "ingest", "Extract reports from articles, store them and update the incidents.");
  ingest_cmd
      ->add_option("--manifest", ingest.manifest,
                   "JSONL of {doc,url,outlet,published}, matched by file name")
      ->check(CLI::ExistingFile);
  ingest_cmd->add_option("paths", ingest.paths, "Files, directories, JSONL dumps, feeds, URLs")
      ->required();
  add_db_option(ingest_cmd, ingest.db);
  ingest_cmd->add_flag("-q,--quiet", ingest.quiet, "No progress bar and no summary line");
  ingest_cmd->add_option("--scope", ingest.scope, scope_help);
  add_limit_options(ingest_cmd, ingest.limits);
  ingest_cmd->footer(
      "Prints 'ingest: N new, M already known, R rejected; I incidents' on stderr.\n"
      "Example:\n  sitrep ingest --manifest seeds/manifest.jsonl seeds/ --db news.db");

  DocumentsOptions documents;
  documents.db = db;
  auto* documents_cmd = app.add_subcommand("documents", "List (or search) the stored articles.");
  add_db_option(documents_cmd, documents.db);
  documents_cmd->add_option("--format", documents.format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_str("table");
  documents_cmd->add_option("--q", documents.words,
                            "Full-text search: articles containing all these words");
  documents_cmd->footer("Example:\n  sitrep documents --q \"katyusha embassy\" --format json");

  IncidentsOptions incidents;
  incidents.db = db;
  auto* incidents_cmd = app.add_subcommand("incidents", "List the merged incidents.");
  add_db_option(incidents_cmd, incidents.db);
  incidents_cmd->add_option("--format", incidents.format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv", "geojson"}))
      ->default_str("table");
  incidents_cmd->add_option("--since", incidents.since, "First date, inclusive")->check(kIsoDate);
  incidents_cmd->add_option("--until", incidents.until, "Last date, inclusive")->check(kIsoDate);
  incidents_cmd->add_option("--near", incidents.near, "Within KM kilometres of LAT,LON")
      ->check(kNear);
  incidents_cmd->add_option("--facility", incidents.facility,
                            "Facility name contains this (case-insensitive)");
  incidents_cmd->add_option("--weapon", incidents.weapon, "Weapon")
      ->check(
          CLI::IsMember({"rocket", "drone", "missile", "mortar", "ied", "small_arms", "unknown"},
                        CLI::ignore_case));
  incidents_cmd->footer(
      "Examples:\n"
      "  sitrep incidents --since 2024-01-01 --weapon drone\n"
      "  sitrep incidents --near 33.30,44.40,25 --format geojson > baghdad.geojson");

  ShowOptions show;
  show.db = db;
  auto* show_cmd = app.add_subcommand("show", "Print one incident as JSON, or its history.");
  show_cmd->add_option("id", show.id, "Incident id")->required();
  add_db_option(show_cmd, show.db);
  show_cmd->add_flag("--history", show.history, "List the incident's revisions instead");
  show_cmd->footer(
      "Examples:\n  sitrep show inc-2023-12-08-us-embassy-baghdad\n"
      "  sitrep show inc-2023-12-08-us-embassy-baghdad --history");

  TalliesOptions tallies;
  tallies.db = db;
  auto* tallies_cmd = app.add_subcommand(
      "tallies", "List tally claims next to sitrep's own count of incidents for the same period.");
  add_db_option(tallies_cmd, tallies.db);
  tallies_cmd->add_option("--format", tallies.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  tallies_cmd->footer("Example:\n  sitrep tallies --format json");

  EvalOptions evaluation;
  auto* eval_cmd = app.add_subcommand(
      "eval", "Extract the articles and score the reports against a gold file (as score.py).");
  eval_cmd->add_option("--gold", evaluation.gold, "Gold JSONL, one object per article")
      ->required()
      ->check(CLI::ExistingFile);
  eval_cmd
      ->add_option("--manifest", evaluation.manifest,
                   "JSONL of {doc,url,outlet,published}, matched by file name")
      ->check(CLI::ExistingFile);
  eval_cmd->add_option("paths", evaluation.paths, "The articles the gold file describes")
      ->required();
  eval_cmd->add_flag("--json", evaluation.json, "Print the measures as one JSON object");
  eval_cmd->add_option("--scope", evaluation.scope, scope_help);
  eval_cmd->add_option("--language", evaluation.language,
                       "Score only the gold lines of this language (ISO 639-1; 'en' when a line "
                       "says none)");
  eval_cmd->add_flag("--merge", evaluation.merge,
                     "Also merge the reports into incidents and score merge_bcubed_*");
  eval_cmd
      ->add_option("--facilities", evaluation.facilities,
                   "name<TAB>lat<TAB>lon file: locations within 5 km count as right")
      ->check(CLI::ExistingFile);
  add_limit_options(eval_cmd, evaluation.limits);
  eval_cmd->footer(
      "Prints score.py's measures on stdout (last line 'score: F') and the articles each field\n"
      "got wrong, with expected and got values, on stderr.\n"
      "Example:\n  sitrep eval --gold seeds/gold.jsonl --manifest seeds/manifest.jsonl "
      "seeds/*.txt");

  ServeCommandOptions serve;
  serve.db = db;
  auto* serve_cmd =
      app.add_subcommand("serve", "Serve the JSON API, the web app and live updates over HTTP.");
  add_db_option(serve_cmd, serve.db);
  serve_cmd->add_option("--port", serve.port, "TCP port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->default_str("8080");
  serve_cmd->add_option("--host", serve.host, "Address to listen on")->default_str("127.0.0.1");
  serve_cmd->add_option("--web", serve.web, "Folder of the web app (default: the checkout's web/)")
      ->check(CLI::ExistingDirectory);
  serve_cmd
      ->add_option("--request-timeout", serve.request_timeout,
                   "Seconds a client may take to send one request, headers and body (a slower "
                   "one gets 408 and is disconnected)")
      ->check(CLI::Range(0.1, 3600.0))
      ->default_str("30");
  serve_cmd->footer(
      "Example:\n  sitrep serve --db out/demo.db --port 8080   # then open http://127.0.0.1:8080/");

  TokenOptions token;
  token.db = db;
  auto* token_cmd = app.add_subcommand("token", "Create, list or revoke API tokens.");
  add_db_option(token_cmd, token.db);
  token_cmd->add_option("action", token.action, "create | list | revoke")
      ->required()
      ->check(CLI::IsMember({"create", "list", "revoke"}));
  token_cmd->add_option("target", token.name, "revoke: the token's name or hash prefix");
  token_cmd->add_option("--name", token.name, "create: a name for the new token");
  token_cmd->footer(
      "Examples:\n  sitrep token create --name newsroom-feed   # the token is the last line\n"
      "  sitrep token list\n  sitrep token revoke newsroom-feed");

  SubscribeOptions subscribe;
  subscribe.db = db;
  auto* subscribe_cmd = app.add_subcommand(
      "subscribe", "Send new incidents and material updates near a place to a webhook.");
  add_db_option(subscribe_cmd, subscribe.db);
  subscribe_cmd->add_option("--name", subscribe.name, "A name for the subscription")->required();
  auto* near_opt =
      subscribe_cmd->add_option("--near", subscribe.near, "Within KM kilometres of LAT,LON")
          ->check(kNear);
  auto* facility_opt = subscribe_cmd->add_option("--facility", subscribe.facility,
                                                 "Facility name contains this (case-insensitive)");
  near_opt->excludes(facility_opt);
  subscribe_cmd->add_option("--weapon", subscribe.weapon, "Only this weapon")
      ->check(
          CLI::IsMember({"rocket", "drone", "missile", "mortar", "ied", "small_arms", "unknown"}));
  subscribe_cmd
      ->add_option("--min-impacted", subscribe.min_impacted,
                   "Only incidents with at least K impacts")
      ->check(CLI::NonNegativeNumber);
  subscribe_cmd
      ->add_option("--webhook", subscribe.webhook, "URL that receives an HTTP POST per alert")
      ->required();
  subscribe_cmd
      ->add_option("--format", subscribe.format, "json (the incident) or cap (CAP 1.2 XML)")
      ->check(CLI::IsMember({"json", "cap"}));
  subscribe_cmd->footer(
      "Example:\n  sitrep subscribe --name embassy --near 33.2986,44.3958,5 "
      "--webhook https://hooks.example.org/sitrep --format cap");

  SubscriptionsOptions subscriptions;
  subscriptions.db = db;
  auto* subscriptions_cmd = app.add_subcommand("subscriptions", "List or delete subscriptions.");
  add_db_option(subscriptions_cmd, subscriptions.db);
  subscriptions_cmd->add_option("action", subscriptions.action, "list | delete")
      ->check(CLI::IsMember({"list", "delete"}));
  subscriptions_cmd->add_option("target", subscriptions.target, "delete: an id or name");
  subscriptions_cmd->footer(
      "Examples:\n  sitrep subscriptions list\n  sitrep subscriptions delete embassy");

  AlertsOptions alerts;
  alerts.db = db;
  auto* alerts_cmd =
      app.add_subcommand("alerts", "List the alerts outbox with delivery status and attempts.");
  add_db_option(alerts_cmd, alerts.db);
  alerts_cmd->add_option("--format", alerts.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  WatchOptions watch;
  watch.db = db;
  auto* watch_cmd =
      app.add_subcommand("watch", "Poll RSS/Atom feeds; fetch and ingest each new item's page.");
  add_db_option(watch_cmd, watch.db);
  watch_cmd
      ->add_option("feeds", watch.inputs,
                   "Feed URLs (http/https), or files listing one feed URL per line")
      ->required();
  std::string every = "5m";
  watch_cmd
      ->add_option("--every", every,
                   "Time between polls: 90s, 5m, 1h, 1d (a number alone: seconds)")
      ->check(CLI::Validator(
          [](std::string& value) {
            return parse_duration(value)
                       ? std::string()
                       : "expected a duration like 90s, 5m or 1h, got '" + value + "'";
          },
          "DURATION"))
      ->default_str("5m");
  watch_cmd->add_flag("--once", watch.once, "Poll every feed once, then exit");
  watch_cmd
      ->add_option("--timeout", watch.timeout_seconds,
                   "Seconds one HTTP response (a feed or a page) may take, connecting included")
      ->check(CLI::Range(0.001, 1e6))
      ->default_str("30");
  watch_cmd->add_option("--max-redirects", watch.max_redirects, "Redirects followed per request")
      ->check(CLI::Range(0L, 50L))
      ->default_str("5");
  watch_cmd
      ->add_option("--max-attempts", watch.max_attempts,
                   "Polls on which a page that failed (timeout, HTTP 5xx) is fetched again")
      ->check(CLI::Range(1, 1000))
      ->default_str("3");
  watch_cmd->add_option("--scope", watch.scope, scope_help);
  watch_cmd->add_flag("-q,--quiet", watch.quiet, "No summary line after each poll");
  {
    const char* group = "Limits (0 or unset: $SITREP_... else the default)";
    watch_cmd
        ->add_option("--max-bytes", watch.limits.max_bytes,
                     "Largest HTTP response (feed or page) in bytes ($SITREP_MAX_BYTES, "
                     "10 MiB for watch)")
        ->group(group);
    watch_cmd
        ->add_option("--max-depth", watch.limits.max_depth,
                     "Deepest HTML element nesting ($SITREP_MAX_DEPTH, 512)")
        ->group(group);
    watch_cmd
        ->add_option("--max-attributes", watch.limits.max_attributes,
                     "Most attributes on one HTML element ($SITREP_MAX_ATTRIBUTES, 1000)")
        ->group(group);
    watch_cmd
        ->add_option("--max-nodes", watch.limits.max_nodes,
                     "Most HTML elements in one document ($SITREP_MAX_NODES, 500000)")
        ->group(group);
    watch_cmd
        ->add_option("--max-entity-bytes", watch.limits.max_entity_bytes,
                     "Most text a feed's XML entities may expand to ($SITREP_MAX_ENTITY_BYTES, "
                     "1 MiB)")
        ->group(group);
  }
  watch_cmd->footer(
      "A feed or page that fails is named on stderr and skipped; the others go on. Each poll\n"
      "ends with 'watch: N feeds (U unchanged, F failed); ...' on stderr. The time one document\n"
      "may take to clean and extract is $SITREP_TIMEOUT (30 s).\n"
      "Examples:\n"
      "  sitrep watch --every 10m https://news.example/rss.xml feeds.txt\n"
      "  sitrep watch --once --db news.db feeds.txt && sitrep feeds --db news.db");

  FeedsOptions feeds;
  feeds.db = db;
  auto* feeds_cmd =
      app.add_subcommand("feeds", "List the watched feeds: last poll, items, errors.");
  add_db_option(feeds_cmd, feeds.db);
  feeds_cmd->add_option("--format", feeds.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_str("table");
  feeds_cmd->footer("Example:\n  sitrep feeds --db news.db");

  // Distributed ingest over NATS JetStream (docs/DEPLOY.md).
  const CLI::Validator kDuration(
      [](std::string& value) {
        return parse_duration(value)
                   ? std::string()
                   : "expected a duration like 90s, 5m or 1h, got '" + value + "'";
      },
      "DURATION");
  const char* queue_help = "The NATS server with JetStream: nats://HOST:PORT";
  EnqueueOptions enqueue;
  auto* enqueue_cmd = app.add_subcommand(
      "enqueue", "Publish documents to the work queue (NATS JetStream) for sitrep worker.");
  enqueue_cmd->add_option("--queue", enqueue.queue, queue_help)->required();
  enqueue_cmd
      ->add_option("--manifest", enqueue.manifest,
                   "JSONL of {doc,url,outlet,published}, matched by file name")
      ->check(CLI::ExistingFile);
  enqueue_cmd->add_option("paths", enqueue.paths, "Files, directories, JSONL dumps, feeds, URLs")
      ->required();
  std::string dedup_window = "24h";
  enqueue_cmd
      ->add_option("--dedup-window", dedup_window,
                   "A document enqueued again within this time is dropped as a duplicate "
                   "(set when the stream is created)")
      ->check(kDuration)
      ->default_str("24h");
  enqueue_cmd->add_flag("-q,--quiet", enqueue.quiet, "No summary line");
  add_limit_options(enqueue_cmd, enqueue.limits);
  enqueue_cmd->footer(
      "Reads its inputs as sitrep ingest does and publishes each document under its id (the\n"
      "hash of its clean text). Prints 'enqueue: P published, D duplicates, R rejected' on\n"
      "stderr.\n"
      "Example:\n  sitrep enqueue --queue nats://127.0.0.1:4222 --manifest seeds/manifest.jsonl "
      "seeds/");

  WorkerOptions worker;
  worker.db = db;
  auto* worker_cmd = app.add_subcommand(
      "worker", "Pull documents from the work queue; extract, store and merge them.");
  worker_cmd->add_option("--queue", worker.queue, queue_help)->required();
  add_db_option(worker_cmd, worker.db);
  worker_cmd->add_option("--batch", worker.batch, "Documents per pull, merged once per batch")
      ->check(CLI::Range(1, 1000))
      ->default_str("32");
  worker_cmd
      ->add_option("--max-deliver", worker.max_deliver,
                   "Deliveries of a failing document before it goes to the dead letters")
      ->check(CLI::Range(1, 1000))
      ->default_str("5");
  std::string ack_wait = "60s";
  worker_cmd
      ->add_option("--ack-wait", ack_wait,
                   "A document unacked this long goes to another worker (set when the "
                   "consumer is created)")
      ->check(kDuration)
      ->default_str("60s");
  worker_cmd->add_flag("--drain,--once", worker.drain,
                       "Exit once the queue is empty (nothing waiting, nothing in flight)");
  worker_cmd->add_option("--scope", worker.scope, scope_help);
  worker_cmd->add_flag("-q,--quiet", worker.quiet, "No summary line at exit");
  add_limit_options(worker_cmd, worker.limits);
  worker_cmd->footer(
      "Runs until SIGINT or SIGTERM (the current batch is finished, stored and acked first).\n"
      "Prints 'worker: N stored, ...' on stderr at exit.\n"
      "Examples:\n"
      "  sitrep worker --queue nats://127.0.0.1:4222 --db postgresql://sitrep@db/sitrep\n"
      "  sitrep worker --queue nats://127.0.0.1:4222 --db news.db --drain");

  QueueStatusOptions queue_status;
  auto* queue_cmd = app.add_subcommand("queue", "The work queue's state.");
  queue_cmd->require_subcommand(1);
  auto* queue_status_cmd = queue_cmd->add_subcommand(
      "status", "Pending, in flight, redelivered, consumers, and the dead letters.");
  queue_status_cmd->add_option("--queue", queue_status.queue, queue_help)->required();
  queue_status_cmd->add_option("--format", queue_status.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_str("table");
  queue_status_cmd->footer("Example:\n  sitrep queue status --queue nats://127.0.0.1:4222");

  TrainDetectOptions training;
  auto* train_cmd = app.add_subcommand(
      "train-detect", "Fit the detection model on labelled articles (make train).");
  train_cmd->add_option("--gold", training.gold, "Gold JSONL (reports_attack per doc)")
      ->required()
      ->check(CLI::ExistingFile);
  train_cmd->add_option("--manifest", training.manifest, "JSONL of {doc,url,outlet,published}")
      ->check(CLI::ExistingFile);
  train_cmd->add_option("paths", training.paths, "The articles")->required();
  train_cmd->add_option("--out", training.out, "Model file to write (default: stdout)");
  train_cmd->add_option("--c", training.c, "Inverse regularisation strength")
      ->check(CLI::PositiveNumber)
      ->default_str("1");
  train_cmd->footer(
      "Example:\n  sitrep train-detect --gold tests/real/gold-tune.jsonl "
      "--manifest tests/real/manifest.jsonl tests/real/texts --out data/model/detect.tsv");

  TrainAttachOptions attaching;
  auto* attach_cmd = app.add_subcommand(
      "train-attach",
      "Fit the model that places undated reports among dated attacks (make train).");
  attach_cmd->add_option("--gold", attaching.gold, "Gold JSONL (incident per doc)")
      ->required()
      ->check(CLI::ExistingFile);
  attach_cmd->add_option("--manifest", attaching.manifest, "JSONL of {doc,url,outlet,published}")
      ->check(CLI::ExistingFile);
  attach_cmd->add_option("paths", attaching.paths, "The articles")->required();
  attach_cmd->add_option("--out", attaching.out, "Model file to write (default: stdout)");
  attach_cmd->add_option("--l2", attaching.l2, "Penalty: L2 / 2 times the squared weights")
      ->check(CLI::PositiveNumber)
      ->default_str("1");
  attach_cmd->footer(
      "Example:\n  sitrep train-attach --gold tests/real/gold-tune.jsonl "
      "--manifest tests/real/manifest.jsonl tests/real/texts --out data/model/attach.tsv");

  MigrateOptions migrate;
  migrate.from = db;
  auto* migrate_cmd = app.add_subcommand(
      "migrate",
      "Copy a database (documents, incidents, tokens, subscriptions, alerts, feeds) "
      "into a new, empty one: SQLite to PostgreSQL.");
  migrate_cmd->add_option("--from", migrate.from, "Database to copy ($SITREP_DB, else ./sitrep.db)")
      ->default_str(migrate.from);
  migrate_cmd
      ->add_option("--to", migrate.to, "Database to fill: postgresql://... (or a SQLite file)")
      ->required();
  migrate_cmd->add_flag("--quiet", migrate.quiet, "No summary line");
  migrate_cmd->footer(
      "Example:\n  sitrep migrate --from sitrep.db --to postgresql://sitrep@localhost/sitrep");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  Streams io{std::cout, std::cerr};
  if (*extract_cmd) return run_extract(extract, io);
  if (*ingest_cmd) {
    ingest.progress = ::isatty(STDERR_FILENO) != 0;
    return run_ingest(ingest, io);
  }
  if (*documents_cmd) return run_documents(documents, io);
  if (*incidents_cmd) {
    for (char& c : incidents.weapon)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return run_incidents(incidents, io);
  }
  if (*show_cmd) return run_show(show, io);
  if (*tallies_cmd) return run_tallies(tallies, io);
  if (*eval_cmd) return run_eval(evaluation, io);
  if (*serve_cmd) return run_serve(serve, io);
  if (*token_cmd) return run_token(token, io);
  if (*subscribe_cmd) return run_subscribe(subscribe, io);
  if (*subscriptions_cmd) return run_subscriptions(subscriptions, io);
  if (*alerts_cmd) return run_alerts(alerts, io);
  if (*train_cmd) return run_train_detect(training, io);
  if (*attach_cmd) return run_train_attach(attaching, io);
  if (*watch_cmd) {
    watch.every_seconds = *parse_duration(every);
    struct sigaction action = {};
    action.sa_handler = on_stop_signal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return run_watch(watch, io, &stop_watching);
  }
  if (*feeds_cmd) return run_feeds(feeds, io);
  if (*migrate_cmd) return run_migrate(migrate, io);
  if (*enqueue_cmd) {
    enqueue.duplicate_window_seconds = *parse_duration(dedup_window);
    return run_enqueue(enqueue, io);
  }
  if (*worker_cmd) {
    worker.ack_wait_seconds = *parse_duration(ack_wait);
    struct sigaction action = {};
    action.sa_handler = on_stop_signal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return run_worker(worker, io, &stop_watching);
  }
  if (*queue_status_cmd) return run_queue_status(queue_status, io);
  return kExitUsage;
}

}  // namespace

// A document abandoned by the watchdog may still run on its own thread: the process then ends
// without running static destructors under it (core/deadline.h), once the output is out.
static int finish(int status) {
  if (sitrep::abandoned_jobs() > 0) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(status);
  }
  return status;
}

int main(int argc, char** argv) {
  // No exception leaves main: anything unexpected is reported like any other failure.
  try {
    return finish(run(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "sitrep: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "sitrep: internal error\n";
  }
  return finish(kExitRejected);
}
