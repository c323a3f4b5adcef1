#!/usr/bin/env python3
"""Distributed ingest over NATS JetStream (issue 12): `sitrep enqueue`, `sitrep worker`,
`sitrep queue status` against a real nats-server started here with JetStream on loopback (a
free port, a temporary store directory), stopped at the end, also on failure.

Cases (--case):
  dedup    enqueue the same input twice: the second run publishes only duplicates; a worker
           stores each document once, the same documents a plain `sitrep ingest` stores, and
           exits 0 on SIGTERM.
  poison   a document every worker rejects (its HTML nests deeper than the workers' --max-depth)
           is retried, then moved to the dead letters after --max-deliver tries; `queue status`
           lists it with its error; the other documents are stored. A document larger than the
           server's max_payload is rejected by enqueue, and the rest is published.
  workers  3 workers over N generated documents (bench/gen_corpus.py, fixed seed), one killed
           with SIGKILL midway: every document is stored exactly once and the incidents equal,
           by content (member reports and figures), those of a single-process `sitrep ingest`.

The shared database of the workers is SQLite in the temporary directory; with --postgres, a
database on a real PostgreSQL server this script starts (initdb in a temporary directory, a free
loopback port) and stops; or $SITREP_QUEUE_TEST_DB, e.g. postgresql://.../sitrep_{case}. The
reference run of `sitrep ingest` always uses SQLite. Exits 77 (CTest: skipped) when nats-server is not installed.

Usage: queue_test.py --binary build-debug/sitrep --source . --case dedup|poison|workers
       [--documents 5000] [--keep DIR]
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77


def fail(message):
    sys.exit(f"FAIL: {message}")


def find_nats_server():
    found = shutil.which("nats-server")
    if found:
        return found
    for candidate in ("/usr/sbin/nats-server", "/usr/bin/nats-server"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NatsServer:
    """nats-server -js on 127.0.0.1, its JetStream store in `directory`."""

    def __init__(self, binary, directory):
        self.port = free_port()
        self.url = f"nats://127.0.0.1:{self.port}"
        self.log = open(os.path.join(directory, "nats-server.log"), "w")
        self.process = subprocess.Popen(
            [binary, "-js", "-a", "127.0.0.1", "-p", str(self.port),
             "-sd", os.path.join(directory, "jetstream")],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                fail(f"nats-server exited {self.process.returncode}; see {self.log.name}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        fail("nats-server did not listen within 20 s")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class PgServer:
    """A real PostgreSQL server (Debian's postgresql-15) in a temporary directory on a free
    loopback port, stopped and removed at the end. initdb refuses to run as root, so as root
    (CI) the server runs as the `postgres` user."""

    @staticmethod
    def bin_dir():
        for version in ("17", "16", "15"):
            path = f"/usr/lib/postgresql/{version}/bin"
            if os.path.exists(f"{path}/initdb") and os.path.exists(f"{path}/pg_ctl"):
                return path
        return None

    def __init__(self):
        self.bin = PgServer.bin_dir()
        self.root = tempfile.mkdtemp(prefix="sitrep-queue-pg-")
        self.owner = []
        if os.geteuid() == 0:
            import pwd
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self.owner = ["runuser", "-u", "postgres", "--"]
        self.data = os.path.join(self.root, "data")
        self.started = False
        run(self.owner + [f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
                          "--encoding=UTF8", "--locale=C", "--no-sync"])
        self.port = free_port()
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off "
                   "-c max_connections=60")
        run(self.owner + [f"{self.bin}/pg_ctl", "-D", self.data, "-l",
                          os.path.join(self.root, "server.log"), "-o", options, "-w", "-t", "60",
                          "start"])
        self.started = True

    def uri(self, database):
        return (f"postgresql://postgres@127.0.0.1:{self.port}/{database}"
                "?sslmode=disable&gssencmode=disable")

    def create_database(self, name):
        run(self.owner + [f"{self.bin}/psql", "-h", "127.0.0.1", "-p", str(self.port), "-U",
                          "postgres", "-d", "postgres", "-c", f"CREATE DATABASE {name}"])
        return self.uri(name)

    def stop(self):
        if self.started:
            subprocess.run(self.owner + [f"{self.bin}/pg_ctl", "-D", self.data, "-m", "immediate",
                                         "-w", "stop"], capture_output=True)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)


def run(command, expect=(0,), **kwargs):
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode not in expect:
        fail(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return done, time.monotonic() - started


def summary(stderr, prefix):
    lines = [line for line in stderr.splitlines() if line.startswith(prefix)]
    if not lines:
        fail(f"no '{prefix}' line in:\n{stderr}")
    return lines[-1]


def counts(line):
    """'enqueue: 3 published, 0 duplicates, 0 rejected' -> {'published': 3, ...}"""
    out = {}
    for part in line.split(":", 1)[1].replace(";", ",").split(","):
        words = part.split()
        if len(words) >= 2 and words[0].isdigit():
            out[" ".join(words[1:])] = int(words[0])
    return out


def status(binary, url):
    done, _ = run([binary, "queue", "status", "--queue", url, "--format", "json"])
    return json.loads(done.stdout)


def documents(binary, db):
    done, _ = run([binary, "documents", "--db", db, "--format", "json"])
    return json.loads(done.stdout)


# What an incident is, apart from how and when it was built: its member reports and figures.
VOLATILE = {"id", "revision", "first_seen", "updated", "history", "revisions"}


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def incidents(binary, db):
    done, _ = run([binary, "incidents", "--db", db, "--format", "json"])
    rows = [strip(i) for i in json.loads(done.stdout)]
    return sorted(rows, key=lambda i: json.dumps(i, sort_keys=True))


def generate(source, directory, count, seed):
    run([sys.executable, os.path.join(source, "bench", "gen_corpus.py"), "--count", str(count),
         "--seed", str(seed), "--out", directory])
    return os.path.join(directory, "manifest.jsonl")


def enqueue(binary, url, manifest, *paths, extra=(), expect=(0,)):
    done, seconds = run([binary, "enqueue", "--queue", url, "--manifest", manifest, *extra,
                         *paths], expect=expect)
    return counts(summary(done.stderr, "enqueue:")), seconds


def worker_command(binary, url, db, *extra):
    return [binary, "worker", "--queue", url, "--db", db, "--drain", *extra]


def ingest_reference(binary, db, manifest, *paths, extra=()):
    _, seconds = run([binary, "ingest", "--quiet", "--db", db, "--manifest", manifest, *extra,
                      *paths], expect=(0, 1))
    return seconds


def check_same_documents(binary, db, reference):
    stored = documents(binary, db)
    ids = [d["id"] for d in stored]
    if len(ids) != len(set(ids)):
        fail(f"{len(ids) - len(set(ids))} documents stored more than once")
    names = [d["doc"] for d in stored]
    if len(names) != len(set(names)):
        fail("a document name is stored twice")
    wanted = {d["id"] for d in documents(binary, reference)}
    if set(ids) != wanted:
        fail(f"stored {len(ids)} documents, the reference has {len(wanted)}; "
             f"missing {sorted(wanted - set(ids))[:5]}, extra {sorted(set(ids) - wanted)[:5]}")
    return len(ids)


def check_same_incidents(binary, db, reference):
    got, want = incidents(binary, db), incidents(binary, reference)
    if got != want:
        got_set = {json.dumps(i, sort_keys=True) for i in got}
        want_set = {json.dumps(i, sort_keys=True) for i in want}
        only_got = sorted(got_set - want_set)[:2]
        only_want = sorted(want_set - got_set)[:2]
        fail(f"incidents differ: {len(got)} vs {len(want)} in the single-process run;\n"
             f"only in the workers' run: {only_got}\nonly in the reference: {only_want}")
    return len(got)


def case_dedup(args, binary, url, tmp, db_uri):
    manifest = generate(args.source, os.path.join(tmp, "corpus"), 60, 5)
    corpus = os.path.dirname(manifest)
    first, _ = enqueue(binary, url, manifest, corpus)
    if first.get("published", 0) == 0 or first.get("duplicates") != 0:
        fail(f"first enqueue: {first}")
    second, _ = enqueue(binary, url, manifest, corpus)
    if second.get("published") != 0 or second.get("duplicates") != first["published"]:
        fail(f"second enqueue published again: {second} after {first}")
    queued = status(binary, url)
    if queued["pending"] != first["published"]:
        fail(f"queue status pending {queued['pending']}, enqueued {first['published']}")
    # A worker without --drain runs until SIGTERM, then finishes its batch and exits 0.
    command = [c for c in worker_command(binary, url, db_uri) if c != "--drain"]
    worker = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + args.timeout
        while status(binary, url)["messages"] > 0 and worker.poll() is None:
            if time.monotonic() > deadline:
                fail("the worker did not empty the queue")
            time.sleep(0.2)
        worker.send_signal(signal.SIGTERM)
        _, stderr = worker.communicate(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    if worker.returncode != 0:
        fail(f"worker exited {worker.returncode} on SIGTERM:\n{stderr}")
    worked = counts(summary(stderr, "worker:"))
    if worked.get("stored") != first["published"]:
        fail(f"worker: {worked}, enqueued {first['published']}")
    reference = os.path.join(tmp, "reference.db")
    ingest_reference(binary, reference, manifest, corpus)
    n = check_same_documents(binary, db_uri, reference)
    check_same_incidents(binary, db_uri, reference)
    after = status(binary, url)
    if after["pending"] != 0 or after["in_flight"] != 0 or after["messages"] != 0:
        fail(f"queue not empty after the worker drained it: {after}")
    # The same documents again after the worker: dropped by the stream's duplicate window.
    third, _ = enqueue(binary, url, manifest, corpus)
    if third.get("published") != 0:
        fail(f"enqueue after the worker published again: {third}")
    print(f"ok: {first['published']} published, then {second['duplicates']} duplicates; "
          f"{n} documents stored once")


def case_poison(args, binary, url, tmp, db_uri):
    manifest = generate(args.source, os.path.join(tmp, "corpus"), 20, 7)
    corpus = os.path.dirname(manifest)
    poison_dir = os.path.join(tmp, "poison")
    os.makedirs(poison_dir)
    poison = os.path.join(poison_dir, "poison.html")
    with open(poison, "w", encoding="utf-8") as f:
        f.write("<html><body>" + "<div>" * 80 + "Rockets hit the base on Monday." +
                "</div>" * 80 + "</body></html>\n")
    # Too large for the server's max_payload (1 MiB): rejected by enqueue, the rest goes on.
    big = os.path.join(poison_dir, "big.txt")
    with open(big, "w", encoding="utf-8") as f:
        f.write("Rockets hit the base on Monday, officials said.\n" * 24000)
    published, _ = enqueue(binary, url, manifest, corpus, poison, big, expect=(1,))
    if published.get("rejected") != 1:
        fail(f"the document beyond max_payload was not rejected: {published}")
    max_deliver = 3
    done, _ = run(worker_command(binary, url, db_uri, "--max-deliver", str(max_deliver),
                                 "--max-depth", "40", "--batch", "8"))
    worked = counts(summary(done.stderr, "worker:"))
    if worked.get("dead-lettered") != 1:
        fail(f"worker did not dead-letter the poison document:\n{done.stderr}")
    # At least max_deliver - 1 retries: nats-server 2.9 may deliver a message once more when a
    # pull expires just as it is sent (nats-server#5305), so a busy machine can see one more.
    if worked.get("retried", 0) < max_deliver - 1:
        fail(f"poison retried {worked.get('retried')} times, expected {max_deliver - 1}:\n"
             f"{done.stderr}")
    queued = status(binary, url)
    dead = queued["dead_letters"]
    if len(dead) != 1 or dead[0]["doc"] != "poison.html":
        fail(f"dead letters: {dead}")
    if dead[0]["deliveries"] < max_deliver or "depth" not in dead[0]["error"]:
        fail(f"dead letter: {dead[0]}")
    if queued["pending"] != 0 or queued["in_flight"] != 0 or queued["messages"] != 0:
        fail(f"poison document still in the work queue: {queued}")
    table, _ = run([binary, "queue", "status", "--queue", url])
    if "poison.html" not in table.stdout or "dead letters: 1" not in table.stdout:
        fail(f"queue status table does not list the dead letter:\n{table.stdout}")
    reference = os.path.join(tmp, "reference.db")
    ingest_reference(binary, reference, manifest, corpus)
    n = check_same_documents(binary, db_uri, reference)
    if n != published["published"] - 1:
        fail(f"{n} documents stored, {published['published'] - 1} expected")
    print(f"ok: poison.html dead-lettered after {max_deliver} deliveries "
          f"({dead[0]['error']}); {n} other documents stored")


def case_workers(args, binary, url, tmp, db_uri):
    manifest = generate(args.source, os.path.join(tmp, "corpus"), args.documents, 12)
    corpus = os.path.dirname(manifest)
    reference = os.path.join(tmp, "reference.db")
    ingest_seconds = ingest_reference(binary, reference, manifest, corpus)
    published, enqueue_seconds = enqueue(binary, url, manifest, corpus)
    total = published["published"]
    logs = [open(os.path.join(tmp, f"worker-{i}.log"), "w+") for i in range(3)]
    started = time.monotonic()
    workers = [subprocess.Popen(worker_command(binary, url, db_uri, "--batch", "16",
                                               "--ack-wait", "10s"),
                                stdout=subprocess.DEVNULL, stderr=logs[i]) for i in range(3)]
    killed = False
    try:
        # Kill worker 0 once about a third of the documents are done, in the middle of a batch.
        deadline = time.monotonic() + args.timeout
        while not killed and time.monotonic() < deadline:
            left = status(binary, url)["messages"]
            if left <= total * 2 // 3:
                workers[0].send_signal(signal.SIGKILL)
                workers[0].wait()
                killed = True
                print(f"killed worker 0 with {left} of {total} documents left")
            elif any(w.poll() is not None for w in workers):
                break
            time.sleep(0.2)
        if not killed:
            fail("the workers finished before one could be killed midway")
        for i, w in enumerate(workers[1:], 1):
            try:
                code = w.wait(timeout=max(1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                fail(f"worker {i} did not drain the queue within {args.timeout} s")
            if code != 0:
                logs[i].seek(0)
                fail(f"worker {i} exited {code}:\n{logs[i].read()}")
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
                w.wait()
    workers_seconds = time.monotonic() - started
    for i in (1, 2):
        logs[i].seek(0)
        print(f"worker {i}: {summary(logs[i].read(), 'worker:')}")
    after = status(binary, url)
    if after["messages"] != 0 or after["dead_letters"]:
        fail(f"queue not empty after the workers: {after}")
    n = check_same_documents(binary, db_uri, reference)
    k = check_same_incidents(binary, db_uri, reference)
    print(f"ok: {n} documents stored exactly once, {k} incidents equal to the single-process "
          f"run (ingest {ingest_seconds:.1f} s, enqueue {enqueue_seconds:.1f} s, "
          f"3 workers with one killed {workers_seconds:.1f} s)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--source", required=True, help="the source tree (bench/gen_corpus.py)")
    parser.add_argument("--case", required=True, choices=["dedup", "poison", "workers"])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--keep", help="work in this directory and keep it")
    parser.add_argument("--postgres", action="store_true",
                        help="the workers share a PostgreSQL database on a server started here")
    args = parser.parse_args()
    nats = find_nats_server()
    if nats is None:
        print("SKIP: nats-server is not installed (Debian package nats-server; make deps)")
        return SKIP
    if args.postgres and PgServer.bin_dir() is None:
        print("SKIP: the PostgreSQL server binaries are not installed (postgresql-15; make deps)")
        return SKIP
    binary = os.path.abspath(args.binary)
    tmp = args.keep or tempfile.mkdtemp(prefix=f"sitrep-queue-{args.case}-")
    os.makedirs(tmp, exist_ok=True)
    # The workers' shared database: one variable, so the same test runs on PostgreSQL.
    # "{case}" in it is replaced by the case's name, so parallel cases get databases of their own.
    db_uri = (os.environ.get("SITREP_QUEUE_TEST_DB", "").replace("{case}", args.case) or
              os.path.join(tmp, "workers.db"))
    postgres = PgServer() if args.postgres else None
    if postgres:
        db_uri = postgres.create_database(f"sitrep_{args.case}")
    server = NatsServer(nats, tmp)
    try:
        {"dedup": case_dedup, "poison": case_poison, "workers": case_workers}[args.case](
            args, binary, server.url, tmp, db_uri)
    finally:
        server.stop()
        if postgres:
            postgres.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
