#!/usr/bin/env python3
"""Crash safety of `sitrep ingest` (issue 11): SIGKILL at random points, then run again.

A generated batch of a few thousand short articles (several per attack, from different
outlets with different figures, so merging has work to do) is ingested in two stages: the
first half without interruption, then the second half killed with SIGKILL at seeded random
moments and run again each time, until a run completes. The kill points are spread over the
whole length of an uninterrupted run, so they land in loading and in the per-document loop;
then a few more land in reruns that find every document known and only merge and save. The result is compared with a reference database ingested without any
interruption:

  - the database opens and `PRAGMA integrity_check` says ok (after every kill, too);
  - nothing committed is lost: every document a killed run had stored is still there,
    unchanged, and so are the first stage's documents and incidents;
  - nothing is duplicated: one document per distinct input text;
  - the incidents are those of the uninterrupted run (`sitrep incidents --format json`,
    without the fields that record when and in how many steps they were built);
  - the alerts outbox holds the same alerts (a subscription covers the region).

Usage: crash_safety_test.py --binary build-debug/sitrep [--articles 1600] [--kills 6]
       [--seed 11] [--keep DIR]
"""

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

# Facilities the lexicon knows, as a reporter would name them, with the place names they use.
FACILITIES = [
    ("the US Embassy in Baghdad", "BAGHDAD", "Iraq"),
    ("Ain al-Asad air base", "ANBAR", "Iraq"),
    ("the al-Tanf garrison", "AL-TANF", "Syria"),
    ("Camp Taji", "TAJI", "Iraq"),
    ("Balad Air Base", "BALAD", "Iraq"),
    ("the Baghdad Diplomatic Support Center", "BAGHDAD", "Iraq"),
    ("Camp Speicher", "TIKRIT", "Iraq"),
    ("the Qayyarah West air base", "MOSUL", "Iraq"),
]
WEAPONS = [("rockets", "rocket"), ("drones", "drone"), ("mortar rounds", "mortar")]
OUTLETS = [
    "Tigris Wire", "Anbar Herald", "Levant Monitor", "Desert Line News", "Gulf Dispatch",
    "Euphrates Daily", "Capital Courier", "Northern Ledger",
]
SOURCES = [
    "a US defence official said", "the Iraqi security media cell said",
    "a spokesman for the coalition said", "two security sources told reporters",
    "local police said", "the military said in a statement",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve"]


def headline(weapon, facility, rng):
    forms = [
        "{W} target {F}",
        "{F} comes under {w} attack",
        "Attack with {w} on {F}",
        "Militants fire {w} at {F}",
    ]
    text = rng.choice(forms).format(W=weapon.capitalize(), w=weapon, F=facility)
    return text[0].upper() + text[1:]


def article(attack, variant, rng):
    """One report of `attack`; `variant` makes its text unique."""
    facility, place, country = attack["facility"]
    weapon = attack["weapon"][0]
    launched = max(1, attack["launched"] + rng.choice([-1, 0, 0, 0, 1]))
    impacted = min(launched, max(0, attack["impacted"] + rng.choice([0, 0, 1])))
    day = attack["weekday"]
    source = rng.choice(SOURCES)
    openings = [
        f"{place}, {country} — {NUMBER_WORDS[launched].capitalize()} {weapon} were fired at "
        f"{facility} on {day}, {source}.",
        f"{place}, {country} — {facility[0].upper() + facility[1:]} was attacked with "
        f"{NUMBER_WORDS[launched]} {weapon} on {day}, {source}.",
        f"{place}, {country} — Militants launched {NUMBER_WORDS[launched]} {weapon} at "
        f"{facility} late on {day}, {source}.",
    ]
    impacts = [
        f"{NUMBER_WORDS[impacted].capitalize()} of them struck inside the perimeter.",
        f"{NUMBER_WORDS[impacted].capitalize()} hit the base, the official added.",
        f"{NUMBER_WORDS[launched - impacted].capitalize()} fell outside the walls.",
    ]
    casualties = [
        "There were no casualties.",
        "No one was hurt in the attack.",
        "There were no immediate reports of injuries.",
    ]
    closing = [
        "There was no immediate claim of responsibility.",
        "Iran-aligned militias have claimed similar attacks in recent months.",
        "Security forces sealed off the area and began a search for the launch site.",
    ]
    paragraphs = [
        headline(weapon, facility, rng),
        rng.choice(openings) + " " + rng.choice(impacts),
        rng.choice(casualties) + " " + rng.choice(closing),
        f"Reporting by the {rng.choice(OUTLETS)} desk, file {attack['n']}-{variant}.",
    ]
    return "\n\n".join(paragraphs) + "\n"


def generate(directory, count, seed):
    """Writes `count` articles and manifests for the two stages; returns (manifests, dirs)."""
    rng = random.Random(seed)
    attacks = []
    start = time.mktime((2023, 1, 2, 12, 0, 0, 0, 0, -1))
    n = 0
    written = 0
    while written < count:
        day = time.localtime(start + 86400 * (n * 3 + rng.randrange(3)))
        attack = {
            "n": n,
            "facility": FACILITIES[n % len(FACILITIES)],
            "weapon": WEAPONS[rng.randrange(len(WEAPONS))],
            "launched": rng.randrange(2, 12),
            "impacted": 0,
            "weekday": WEEKDAYS[day.tm_wday],
            "date": time.strftime("%Y-%m-%d", day),
        }
        attack["impacted"] = rng.randrange(0, attack["launched"] + 1)
        attacks.append(attack)
        written += rng.randrange(3, 7)
        n += 1
    stages = [[], []]
    written = 0
    for attack in attacks:
        for variant in range(rng.randrange(3, 7)):
            if written == count:
                break
            # The second stage gets late reports of attacks the first stage has seen too.
            stage = 0 if written < count // 2 and variant < 3 else 1
            name = f"a{attack['n']:05d}_{variant}.txt"
            published = attack["date"] if variant < 2 else time.strftime(
                "%Y-%m-%d", time.localtime(time.mktime(time.strptime(attack["date"], "%Y-%m-%d"))
                                           + 86400))
            stages[stage].append((name, article(attack, variant, rng), {
                "doc": name,
                "url": f"https://news{variant}.example.org/{attack['n']}/{variant}",
                "outlet": OUTLETS[(attack["n"] + variant) % len(OUTLETS)],
                "published": published,
            }))
            written += 1
    out = []
    for number, stage in enumerate(stages):
        folder = os.path.join(directory, f"stage{number}")
        os.makedirs(folder)
        with open(os.path.join(folder, "manifest.jsonl"), "w", encoding="utf-8") as manifest:
            for name, text, row in stage:
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write(text)
                manifest.write(json.dumps(row) + "\n")
        out.append(folder)
    return out


def ingest_command(binary, db, folder):
    return [binary, "ingest", "--db", db, "--quiet", "--manifest",
            os.path.join(folder, "manifest.jsonl"), folder]


def ingest(binary, db, folder):
    started = time.monotonic()
    run = subprocess.run(ingest_command(binary, db, folder), capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"FAIL: ingest {folder} into {db} exited {run.returncode}: {run.stderr}")
    return time.monotonic() - started


def subscribe(binary, db):
    # Covers every facility above, so each new incident and material update queues an alert.
    run = subprocess.run([binary, "subscribe", "--db", db, "--name", "region",
                          "--near", "33.3,43.0,1500", "--webhook", "http://127.0.0.1:9/hook"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"FAIL: subscribe: {run.stderr}")


VOLATILE = {"revision", "first_seen", "updated"}


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def incidents(binary, db):
    run = subprocess.run([binary, "incidents", "--db", db, "--format", "json"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"FAIL: incidents on {db}: {run.stderr}")
    rows = json.loads(run.stdout)
    return sorted((strip(i) for i in rows), key=lambda i: i["id"])


def documents(db):
    """Every stored document as (id, doc, text, url); fails on a damaged database."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            sys.exit(f"FAIL: integrity_check on {db}: {check}")
        columns = [r[1] for r in connection.execute("PRAGMA table_info(documents)")]
        wanted = [c for c in ("id", "doc", "text", "url") if c in columns]
        return connection.execute(f"SELECT {', '.join(wanted)} FROM documents").fetchall()
    finally:
        connection.close()


def alerts(db):
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return sorted(connection.execute(
            "SELECT subscription_id, incident_id, kind FROM alerts").fetchall())
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--articles", type=int, default=1600)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", help="work in this folder and leave it behind")
    args = parser.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="sitrep_crash_")
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    env_db = {k: v for k, v in os.environ.items() if k != "SITREP_DB"}
    os.environ.clear()
    os.environ.update(env_db)
    try:
        stage0, stage1 = generate(work, args.articles, args.seed)
        inputs = sum(1 for f in os.listdir(stage0) + os.listdir(stage1) if f.endswith(".txt"))
        reference, crashed = os.path.join(work, "reference.db"), os.path.join(work, "crashed.db")

        # The reference: both stages, no interruption.
        ingest(args.binary, reference, stage0)
        subscribe(args.binary, reference)
        whole = ingest(args.binary, reference, stage1)
        settled = incidents(args.binary, reference)
        # Run again, all known: only loading, the merge and saving it. Changes nothing.
        tail = ingest(args.binary, reference, stage1)
        print(f"reference: {inputs} articles, stage 2 took {whole:.1f} s, a rerun {tail:.1f} s")
        if incidents(args.binary, reference) != settled:
            sys.exit("FAIL: running the same ingest again changed the incidents")

        # The same first stage, then the second killed at random points.
        ingest(args.binary, crashed, stage0)
        subscribe(args.binary, crashed)
        stage0_docs = set(documents(crashed))
        stage0_incidents = incidents(args.binary, crashed)
        rng = random.Random(args.seed)
        # Spread over the whole run, a little beyond so that a kill may land after the end.
        points = sorted(rng.uniform(0.02, 1.05) * whole for _ in range(args.kills))
        # Then, once every document is stored, kills inside reruns that only merge and save
        # (a kill in the final merge of a long run is rare by chance alone).
        points += [None] + [rng.uniform(0.1, 1.0) * tail for _ in range(max(2, args.kills // 2))]
        committed = set(stage0_docs)
        kills = 0
        for point in points:
            if point is None:
                ingest(args.binary, crashed, stage1)
                committed = set(documents(crashed))
                continue
            process = subprocess.Popen(ingest_command(args.binary, crashed, stage1),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                process.wait(timeout=point)
                print(f"kill at {point:.1f} s: the run had finished")
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
                process.wait()
                kills += 1
            stored = set(documents(crashed))
            lost = committed - stored
            if lost:
                sys.exit(f"FAIL: after the kill at {point:.1f} s, {len(lost)} committed "
                         f"documents are gone, e.g. {sorted(lost)[0][:2]}")
            print(f"kill at {point:.1f} s: {len(stored)} documents stored")
            committed = stored
        ingest(args.binary, crashed, stage1)  # the run that completes

        final = documents(crashed)
        ids = [row[0] for row in final]
        failures = []
        if len(ids) != len(set(ids)):
            failures.append(f"duplicate document ids: {len(ids) - len(set(ids))}")
        if len(final) != inputs:
            failures.append(f"{len(final)} documents stored for {inputs} distinct inputs")
        if not committed <= set(final):
            failures.append("committed documents lost by the last run")
        if set(final) != set(documents(reference)):
            failures.append("the documents differ from the uninterrupted run's")
        expected, got = incidents(args.binary, reference), incidents(args.binary, crashed)
        if expected != got:
            only_expected = {i["id"] for i in expected} - {i["id"] for i in got}
            only_got = {i["id"] for i in got} - {i["id"] for i in expected}
            failures.append(f"incidents differ: {len(expected)} expected, {len(got)} got; "
                            f"only in the reference: {sorted(only_expected)[:5]}, "
                            f"only after the kills: {sorted(only_got)[:5]}")
        if len(expected) < len(stage0_incidents) or len(expected) < args.articles // 10:
            failures.append(f"only {len(expected)} incidents: the generated articles do not "
                            f"read as attacks, so the comparison proves little")
        if alerts(reference) != alerts(crashed):
            a, b = set(alerts(reference)), set(alerts(crashed))
            failures.append(f"alerts differ: {len(a - b)} missing after the kills "
                            f"(e.g. {sorted(a - b)[:3]}), {len(b - a)} extra")
        print(f"{kills} kills; {len(final)} documents, {len(got)} incidents, "
              f"{len(alerts(crashed))} alerts")
        if failures:
            sys.exit("FAIL: " + "; ".join(failures))
        print("ok")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
