#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/seed-* from our own test articles and small
hostile inputs. Run from the repository root; inputs a fuzzer found (crash-*, timeout-*) are kept
beside the seeds and never rewritten here."""
import glob
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)


def write(target, name, data):
    d = os.path.join("fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def clear():
    for path in glob.glob("fuzz/corpus/*/seed-*"):
        os.remove(path)


clear()
articles = sorted(glob.glob("tests/cases/extract/*.txt")) + sorted(glob.glob("examples/articles/*.txt"))
pages = sorted(glob.glob("tests/corpus/*.html")) + ["tests/cases/ingest/page_chrome.html"]

# --- html: real pages, then markup built to hurt a parser.
for p in pages:
    write("html", os.path.basename(p), read(p))
hostile_html = {
    "deep-600-div": "<div>" * 600 + "x" + "</div>" * 600,
    "deep-500-span": "<p>" + "<span>" * 500 + "deep" + "</span>" * 500,
    "unclosed-end-tags": "<body>" + "<span></div>" * 300 + "text",
    "many-attributes": "<p " + " ".join(f"a{i}=\"{i}\"" for i in range(1200)) + ">x</p>",
    "duplicate-attributes": "<p " + " ".join("a=1" for _ in range(300)) + ">x</p>",
    "entity-bomb": "<p>" + "&amp;amp;&lt;&#0;&#x110000;&#xD800;&#55296;&nbsp;&NotAnEntity;" * 200 + "</p>",
    "nul-bytes": b"<html><body><p>a\x00b</p>\x00<script>\x00</script><p>\x00</p></body></html>",
    "invalid-utf8": b"<p>caf\xe9 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xff\xfe</p><title>\xe2\x82</title>",
    "tables-lists": "<table>" + "<tr><td>a<td>b" * 200 + "<ul>" + "<li>x" * 200 + "<p>y" * 200,
    "svg-math": "<svg>" + "<path/>" * 200 + "<foreignObject><p>t</p></foreignObject></svg><math><mi>x</math>",
    "script-style": "<script><div><div></script><style>p{}</style><textarea><p></textarea><p>z</p>",
    "unterminated-comment": "<p>a</p><!-- never closed <p>b</p>",
    "twitter-embed": '<article><h1>Head</h1><p>Body one.</p><blockquote class="twitter-tweet"><p>quoted post</p></blockquote><p>Body two.</p></article>',
    "template-frameset": "<template><p>t</template><frameset><frame></frameset><noscript><p>n</noscript>",
    "empty": "",
    "only-tags": "<html><head></head><body></body></html>",
}
for name, data in hostile_html.items():
    write("html", name, data)

# --- jsonl: lines as dumps carry them.
import json
lines = []
for p in articles[:6]:
    lines.append(json.dumps({"doc": os.path.basename(p), "text": read(p).decode("utf-8"), "published": "2024-05-13"}, ensure_ascii=False))
write("jsonl", "articles.jsonl", "\n".join(lines) + "\n")
write("jsonl", "html-lines.jsonl", "\n".join(json.dumps({"html": read(p).decode("utf-8", "replace"), "url": "https://x.example/a", "outlet": "X", "published": "Tue, 10 Sep 2024 14:00:00 GMT"}) for p in pages[:2]) + "\n")
hostile_jsonl = {
    "nul": b'{"doc":"a","text":"x\x00y"}\n{"doc":"b","text":"ok"}\n',
    "escaped-nul": '{"doc":"a\\u0000b","text":"x\\u0000y","published":"2024-01-01"}\n',
    "bad-dates": "\n".join(json.dumps({"text": "t", "published": d}) for d in ["2024-13-45", "2023-02-29", "2024-02-29", "99999-01-01", "0000-00-00", "-1-01-01", "Mon, 31 Feb 2024 00:00:00 GMT", "September 99, 2024", "2024-09-10T25:61:00Z", "1e308"]),
    "huge-numbers": '{"doc":1e999999,"text":123456789012345678901234567890,"published":-1e-999999}\n{"text":"12345678901234567890 rockets"}\n',
    "deep-arrays": "[" * 5000 + "]" * 5000 + "\n" + '{"a":' * 3000 + "1" + "}" * 3000 + "\n",
    "not-objects": '[1,2]\n"text"\nnull\n{"text":null}\n{"text":["a"]}\n{"text":"   "}\n{\n',
    "surrogates": '{"text":"\\ud800 \\udc00 \\ud83d\\ude00","doc":"\\uffff"}\n',
    "invalid-utf8": b'{"text":"caf\xe9","doc":"\xff"}\n',
    "crlf": '{"text":"a"}\r\n\r\n{"text":"b"}\r\n',
}
for name, data in hostile_jsonl.items():
    write("jsonl", name, data)

# --- feed: RSS 2.0, Atom, RDF, and entity tricks.
rss = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire</title>
<item><title>Rockets hit base</title><link>https://wire.example/1</link>
<pubDate>Tue, 10 Sep 2024 14:00:00 GMT</pubDate>
<description>&lt;p&gt;Two rockets struck Ain al-Asad air base on Monday.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Two rockets struck <b>Ain al-Asad</b> air base.</p>]]></content:encoded></item>
<item><title>No date</title><description>text only</description><pubDate>Mon, 31 Feb 2024 00:00:00 GMT</pubDate></item>
</channel></rss>"""
atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Gulf Monitor</title>
<entry><title type="html">Drone &amp;amp; attack</title><link href="https://gm.example/2"/>
<updated>2024-01-28T10:00:00Z</updated><published>2024-13-45</published>
<content type="html">&lt;p&gt;A drone struck Tower 22.&lt;/p&gt;</content><summary>s</summary></entry></feed>"""
rdf = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="x"><title>R</title></channel>
<item rdf:about="https://r.example/3"><title>T</title><link>https://r.example/3</link><description>Mortar fire.</description><dc:date>2024-03-01</dc:date></item></rdf:RDF>"""
write("feed", "rss2.xml", rss)
write("feed", "atom.xml", atom)
write("feed", "rdf.xml", rdf)
write("feed", "billion-laughs.xml", """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss><channel><item><title>&d;</title><description>&d;&d;&d;</description></item></channel></rss>""")
write("feed", "one-level-bomb.xml", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "' + "x" * 2000 + '">]><rss><channel><item><title>t</title><description>' + "&e;" * 600 + "</description></item></channel></rss>")
write("feed", "external-entity.xml", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "http://x.example/p.dtd">%p;]><rss><channel><item><title>&x;</title><description>d</description></item></channel></rss>')
write("feed", "nbsp-undeclared.xml", "<rss><channel><item><title>a&nbsp;b</title><description>c&hellip;</description></item></channel></rss>")
write("feed", "deep.xml", "<rss><channel><item><description>" + "<x>" * 3000 + "t" + "</x>" * 3000 + "</description></item></channel></rss>")
write("feed", "nul-invalid.xml", b"<rss><channel><item><title>a\x00b\xff</title><description>\xc3</description></item></channel></rss>")
write("feed", "broken.xml", "<rss><channel><item><title>x</item></rss>")
write("feed", "many-items.xml", "<rss><channel>" + "<item><title>t</title><description>d</description><pubDate>2024-02-29</pubDate></item>" * 300 + "</channel></rss>")

# --- manifest
for p in ["examples/articles/manifest.jsonl", "tests/corpus/manifest.jsonl"]:
    write("manifest", p.replace("/", "_"), read(p))
write("manifest", "hostile.jsonl", b'{"doc":"a.txt","published":"2024-13-45"}\n{"doc":"b\x00.txt"}\nnot json\n[]\n{"url":"x"}\n{"doc":"../../etc/passwd","published":"Tue, 10 Sep 2024 14:00:00 GMT"}\n{"doc":"c\xff.txt","outlet":"\x1b[2J"}\n' + b'{"a":' * 2000 + b"1" + b"}" * 2000 + b"\n")

# --- text: first line is the published date.
dates = ["2024-05-13", "Tue, 10 Sep 2024 14:00:00 GMT", "September 10, 2024", "2024-02-29", "2023-02-29",
         "2024-13-45", "99999999999-01-01", "-2024-01-01", "2024-09-10T25:61:00Z", "Mon, 99 Foo 2024", ""]
for i, p in enumerate(articles[::4]):
    write("text", os.path.basename(p), dates[i % len(dates)] + "\n" + read(p).decode("utf-8"))
write("text", "numbers-times", "2024-01-31\nAt about 4:15 a.m. on Tuesday, 99999999999999999999 rockets and twenty-one drones, a dozen mortars, dozens of shells. "
      "At 25:61 GMT, 11 pm local time, 21:30 GMT, 0:00, 12 a.m., 12 p.m. Yesterday, last Friday, on Jan. 31, Feb. 30, 29 February, "
      "December 31, 9999999999, the 1st, 2nd, tenth. 1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8 -1 +3 0x10 1e99.")
write("text", "malformed-dates", "\n 2024-02-30 0000-01-01 2024-00-10 1-1-1 31/12/2024 12/31/2024 Sept. 31 Feb 29 1900 29 February 2100 Friday the 13th of Undecember")
write("text", "date-line", " date 2024-09-10 rest of line\n\nBody text. On Monday, rockets fell.")
write("text", "nul-invalid", b"2024-01-01\na\x00b \xff\xfe. U.S. Gen. a.m. Sept. \"quoted.\" end")
write("text", "abbreviations", "2024-01-01\n" + "U.S. " * 2000 + "\n\n" + "." * 3000 + "\n\n" + "\"" * 1000)

# --- lexicon: the head of each real file, cut into parts.
def head(path, n):
    return "".join(read(path).decode("utf-8").splitlines(keepends=True)[:n])

parts = []
for name, path, n in [("facilities.tsv", "data/lexicon/facilities.tsv", 20), ("actors.tsv", "data/lexicon/actors.tsv", 12),
                      ("weapons.tsv", "data/lexicon/weapons.tsv", 30), ("countries.tsv", "data/lexicon/countries.tsv", 12),
                      ("triggers.tsv", "data/lexicon/triggers.tsv", 60), ("words.tsv", "data/lexicon/words.tsv", 60),
                      ("timezones.tsv", "data/lexicon/timezones.tsv", 40), ("xx/gloss.tsv", "data/lexicon/fr/gloss.tsv", 40)]:
    parts.append(f"@@ {name}\n" + head(path, n))
parts.append("@@ text\nTwo Katyusha rockets struck the US Embassy in Baghdad; Kataib Hezbollah claimed it. deux roquettes\n")
write("lexicon", "real-heads", "".join(parts))
write("lexicon", "minimal", "@@ facilities.tsv\nUS Embassy Baghdad\tembassy\tdiplomatic\tIQ\tBaghdad\t33.3\t44.4\t\n@@ actors.tsv\nKH\tKataib Hezbollah\tmilitia\n@@ weapons.tsv\nrocket\trocket\t\n@@ countries.tsv\nIQ\tIraq\tIraqi\n@@ text\nKH fired a rocket at US Embassy Baghdad in Iraq.\n")
write("lexicon", "hostile", "@@ facilities.tsv\nA\t\tmilitary\tIQ\tX\t1e999\tnan\t\nB\tA|A|A\tmilitary\tIQ\tX\t-90\t180\tB\nC\t(\tmixed\tZZ\t\t0\t0\tA\n@@ actors.tsv\n[\t.*|\\\\|$\tx\n\t\tk\n@@ weapons.tsv\n'\trocket\n''''\tdrone\td\n@@ countries.tsv\nIQ\t\n@@ triggers.tsv\nattack_verb\t\\x00\nnegation\t(?i)\n@@ words.tsv\ngeneric\t\xc3\n@@ timezones.tsv\nIQ\t*\t*\t+99:99\tnone\nIQ\t2022-10-28\t1970-01-01\t+03:00\tmoon\n\t\t\t\t\n@@ xx/gloss.tsv\na\tb\n\tempty\n@@ xx/affixes.tsv\nprefix\t\t\narticle\tal\nsuffix\tx\ty\tz\n@@ text\n" + "a" * 500 + "\n")

# --- glossary
ar_gloss = head("data/lexicon/ar/gloss.tsv", 80)
ar_aff = read("data/lexicon/ar/affixes.tsv").decode("utf-8")
ar_text = read("tests/cases/extract/ar_claim_harir_two_drones.txt").decode("utf-8")[:1500]
write("glossary", "ar", f"@@ language\nar\n@@ gloss.tsv\n{ar_gloss}@@ affixes.tsv\n{ar_aff}@@ text\n{ar_text}\n")
fr_gloss = head("data/lexicon/fr/gloss.tsv", 80)
fr_text = read(sorted(glob.glob("tests/cases/extract/fr_*.txt"))[0]).decode("utf-8")[:1500]
write("glossary", "fr", f"@@ language\nfr\n@@ gloss.tsv\n{fr_gloss}@@ text\n{fr_text}\n")
write("glossary", "hostile", "@@ language\nar\n@@ gloss.tsv\nال\t\n\tx\nو\tand\n" + "ا" * 200 + "\tlong\n\u0640\u064b\tt\n١٢\t12\n@@ affixes.tsv\narticle\tال\nprefix\tو\tand\nprefix\tوو\t\nsuffix\tه\nsuffix\t\n@@ text\n" + "وال" * 300 + " ١٢ " + "\u0640" * 100 + "\n")

# --- extract: the first byte picks form (4: HTML), published (8) and language (1: ar, 2: fr).
for p in articles:
    base = os.path.basename(p)
    sel = 1 if base.startswith("ar_") else 2 if base.startswith("fr_") else 0
    write("extract", base, bytes([sel | 8]) + read(p))
for p in pages[:4]:
    write("extract", os.path.basename(p), bytes([4 | 8]) + read(p))
en = read("examples/articles/e01_tanf_drones_centcom.txt")
write("extract", "en-forced-ar", bytes([1]) + en)
write("extract", "en-forced-fr", bytes([2 | 8]) + en)
write("extract", "hostile-numbers", bytes([8]) + b"99999999999999999999 rockets struck Ain al-Asad air base, killing 4294967296 and wounding -1 US troops at 25:99 on 2024-02-30; 1,000,000,000,000 drones were intercepted.")
write("extract", "nul-invalid", bytes([8]) + b"Rockets\x00 struck the US \xff\xfe Embassy in Baghdad.\n\nTwo \xed\xa0\x80 drones.")
write("extract", "ar-digits", bytes([1 | 8]) + "سقط ٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩ صاروخ على قاعدة عين الأسد في ٣١ شباط ٢٠٢٤".encode())
