#!/usr/bin/env python3
"""Documents per second of `sitrep worker` with 1, 2 and 3 workers (docs/DEPLOY.md, "Measured").

    bench/queue_throughput.py --binary build/sitrep [--documents 5000] [--workers 1 2 3]

For each worker count: a fresh nats-server -js on loopback and a fresh SQLite database, the
corpus (bench/gen_corpus.py, seed 1) enqueued, then N workers started together with --drain;
the time is from their start to the last one's exit (every document stored and merged). A
single-process `sitrep ingest` of the same corpus is timed for comparison. Wall times need an
otherwise idle machine; the CPU seconds (user + sys of all workers) and the merges each worker
made say what distribution costs even on a busy one. Python standard library only.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
import queue_test  # noqa: E402  (NatsServer, generate, enqueue, counts, summary)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    nats = queue_test.find_nats_server()
    if nats is None:
        sys.exit("nats-server is not installed")
    binary = os.path.abspath(args.binary)
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    tmp = tempfile.mkdtemp(prefix="sitrep-queue-bench-")
    try:
        manifest = queue_test.generate(source, os.path.join(tmp, "corpus"), args.documents, 1)
        corpus = os.path.dirname(manifest)
        started, cpu = time.monotonic(), children_cpu()
        queue_test.run([binary, "ingest", "--quiet", "--db", os.path.join(tmp, "ingest.db"),
                        "--manifest", manifest, corpus], expect=(0, 1))
        ingest_seconds = time.monotonic() - started
        ingest_cpu = children_cpu() - cpu
        print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
        print("| run | documents | enqueue s | wall s | documents/s | CPU s | merges |")
        print("|---|---|---|---|---|---|---|")
        print(f"| `sitrep ingest`, one process | {args.documents} | - | {ingest_seconds:.1f} | "
              f"{args.documents / ingest_seconds:.0f} | {ingest_cpu:.1f} | 1 |", flush=True)
        for n in args.workers:
            run_dir = os.path.join(tmp, f"w{n}")
            os.makedirs(run_dir)
            server = queue_test.NatsServer(nats, run_dir)
            try:
                published, enqueue_seconds = queue_test.enqueue(binary, server.url, manifest,
                                                                corpus)
                db = os.path.join(run_dir, "workers.db")
                started, cpu = time.monotonic(), children_cpu()
                workers = [subprocess.Popen(
                    [binary, "worker", "--queue", server.url, "--db", db, "--drain",
                     "--batch", str(args.batch)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                    for _ in range(n)]
                stored, merges = 0, []
                for w in workers:
                    _, stderr = w.communicate()
                    if w.returncode != 0:
                        sys.exit(f"worker exited {w.returncode}: {stderr}")
                    line = queue_test.counts(queue_test.summary(stderr, "worker:"))
                    stored += line["stored"]
                    merges.append(str(line["merges"]))
                seconds = time.monotonic() - started
                cpu = children_cpu() - cpu
                if stored != published["published"]:
                    sys.exit(f"{stored} stored of {published['published']} published")
                print(f"| {n} worker{'s' if n > 1 else ''} | {stored} | {enqueue_seconds:.1f} | "
                      f"{seconds:.1f} | {stored / seconds:.0f} | {cpu:.1f} | {' + '.join(merges)} |",
                      flush=True)
            finally:
                server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
