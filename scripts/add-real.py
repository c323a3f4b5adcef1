#!/usr/bin/env python3
"""Adds an annotated folder to the real development set (tests/real/).

  scripts/add-real.py FOLDER [FOLDER...] [--seed 7] [--heldout 0.33]

Each FOLDER holds what an annotator and a checker wrote (tests/real/ANNOTATE.md, CHECK.md):
raw/<doc stem>.json, sources.tsv (doc, url, query), manifest.jsonl, gold.checked.jsonl (or
gold.jsonl) and review.tsv. The script copies the raw excerpts to tests/real/raw, decodes them
into tests/real/texts, appends manifest, SOURCES (with the text's sha256) and REVIEW rows, and
appends each gold line to a split:

  - a report of an attack already in the set goes where that attack already is, so no attack
    is ever split across tune and heldout;
  - the new attacks and the new negatives are split among themselves by realset.py's rule
    (random.Random(seed), a third held out), decided before anyone reads them.

Docs already in the set are skipped, so running it twice changes nothing.
"""
import argparse, hashlib, json, pathlib, random, shutil, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "real"


def load_jsonl(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--heldout", type=float, default=0.33)
    args = ap.parse_args()

    side_of = {}  # incident -> tune | heldout
    have = set()
    for side in ("tune", "heldout"):
        for g in load_jsonl(REAL / f"gold-{side}.jsonl"):
            have.add(g["doc"])
            if g.get("incident"):
                side_of[g["incident"]] = side

    # A page or a text already in the set (or earlier in this run: two annotators working at
    # once may take the same page) is skipped with a note, as RealSetFiles requires.
    def page_key(url):
        url = url.split("://", 1)[-1]
        url = url[4:] if url.startswith("www.") else url
        return url.rstrip("/")

    pages, texts = set(), set()
    for line in open(REAL / "SOURCES.tsv", encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 4 and not line.startswith("#"):
            pages.add(page_key(parts[1]))
            texts.add(parts[3])

    new_gold, manifest, sources, review = [], [], [], []
    for folder in map(pathlib.Path, args.folders):
        gold_path = folder / "gold.checked.jsonl"
        if not gold_path.exists():
            gold_path = folder / "gold.jsonl"
        url_of = {}
        for line in open(folder / "sources.tsv", encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                url_of[parts[0]] = parts[1]
        gold = []
        for g in load_jsonl(gold_path):
            if g["doc"] in have:
                continue
            raw = folder / "raw" / (pathlib.Path(g["doc"]).stem + ".json")
            text = json.loads(raw.read_text(encoding="utf-8"))
            if isinstance(text, dict):
                text = text["excerpt"]
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            page = page_key(url_of.get(g["doc"], ""))
            if page in pages or sha in texts:
                print(f"skipping {folder.name}/{g['doc']}: its page or text is already in the set")
                continue
            pages.add(page)
            texts.add(sha)
            gold.append(g)
        docs = {g["doc"] for g in gold}
        (REAL / "raw").mkdir(exist_ok=True)
        for doc in sorted(docs):
            shutil.copyfile(folder / "raw" / (pathlib.Path(doc).stem + ".json"),
                            REAL / "raw" / (pathlib.Path(doc).stem + ".json"))
        new_gold += gold
        manifest += [m for m in load_jsonl(folder / "manifest.jsonl") if m["doc"] in docs]
        for line in open(folder / "sources.tsv", encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[0] in docs:
                sources.append(parts[:3])
        if (folder / "review.tsv").exists():
            for line in open(folder / "review.tsv", encoding="utf-8"):
                if line.split("\t", 1)[0] in docs:
                    review.append(line.rstrip("\n"))
    if not new_gold:
        print("nothing new")
        return 0

    subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "realset.py"), "decode",
                    str(REAL / "raw"), str(REAL / "texts")], check=True)

    rng = random.Random(args.seed)
    fresh = sorted({g["incident"] for g in new_gold if g.get("incident")} - side_of.keys())
    negatives = sorted(g["doc"] for g in new_gold if not g.get("incident"))
    held = set(rng.sample(fresh, round(len(fresh) * args.heldout)))
    held_neg = set(rng.sample(negatives, round(len(negatives) * args.heldout)))
    for incident in fresh:
        side_of[incident] = "heldout" if incident in held else "tune"

    counts = {"tune": 0, "heldout": 0}
    outs = {side: open(REAL / f"gold-{side}.jsonl", "a", encoding="utf-8") for side in counts}
    for g in new_gold:
        side = side_of[g["incident"]] if g.get("incident") else (
            "heldout" if g["doc"] in held_neg else "tune")
        outs[side].write(json.dumps(g, ensure_ascii=False) + "\n")
        counts[side] += 1
    for f in outs.values():
        f.close()
    with open(REAL / "manifest.jsonl", "a", encoding="utf-8") as f:
        for m in manifest:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(REAL / "SOURCES.tsv", "a", encoding="utf-8") as f:
        for doc, url, query in sources:
            sha = hashlib.sha256((REAL / "texts" / doc).read_bytes()).hexdigest()
            f.write(f"{doc}\t{url}\t{query}\t{sha}\n")
    with open(REAL / "REVIEW.tsv", "a", encoding="utf-8") as f:
        for line in review:
            f.write(line + "\n")
    print(f"added {len(new_gold)} articles: tune {counts['tune']}, heldout {counts['heldout']}; "
          f"{len(fresh)} new attacks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
