#!/usr/bin/env python3
"""Hostile HTTP against a real `sitrep serve` on loopback (issue 11).

Starts the binary on a free port of 127.0.0.1 over a database ingested from examples/articles,
with a web folder of its own that has secret files beside it, then sends what a hostile client
would: oversized bodies and headers, slow clients (headers byte by byte, a body never
finished), malformed JSON, SQL-injection and script strings in every query parameter of every
GET route, path traversal in static paths, missing or wrong tokens on writes. Each must get the
right 4xx (or be answered safely: a JSON 200 that leaks nothing), never a 5xx, never a crash,
never a file from outside the web folder, and the server must keep answering others.

Every check runs even when an earlier one failed; the test fails with the list at the end.

Usage: hostile_http_test.py --binary build-debug/sitrep --source .
"""

import argparse
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SECRET = "SITREP-SECRET-7f3a9c"  # written beside the web folder; must never be served
REQUEST_TIMEOUT = 2  # --request-timeout for the server under test, seconds

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"  FAIL {what}", flush=True)
    return condition


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def __repr__(self):
        return f"{self.status} {self.body[:200]!r}"


def read_answer(sock, timeout=30.0):
    """Reads one HTTP response (Content-Length, chunked or until close); None on no answer."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        if b"\r\n\r\n" not in data:
            return None
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        if "content-length" in headers:
            length = int(headers["content-length"])
            while len(rest) < length:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                rest += chunk
            body = rest[:length]
        elif headers.get("transfer-encoding") == "chunked":
            body = b""
            while True:
                while b"\r\n" not in rest:
                    rest += sock.recv(65536)
                size_line, _, rest = rest.partition(b"\r\n")
                size = int(size_line.split(b";")[0], 16)
                while len(rest) < size + 2:
                    rest += sock.recv(65536)
                body += rest[:size]
                rest = rest[size + 2:]
                if size == 0:
                    break
        else:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                rest += chunk
            body = rest
        return Answer(status, headers, body.decode("utf-8", "replace"))
    except (socket.timeout, ConnectionError, ValueError, IndexError):
        return None


class Server:
    def __init__(self, binary, db, web):
        self.process = subprocess.Popen(
            [binary, "serve", "--db", db, "--port", "0", "--web", web,
             "--request-timeout", str(REQUEST_TIMEOUT)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "http://" not in line:
            sys.exit(f"FAIL: sitrep serve did not start: {line}{self.process.stderr.read()}")
        self.port = int(line.split("http://")[1].split("/")[0].rsplit(":", 1)[1])
        self.requests = 0

    def connect(self):
        return socket.create_connection(("127.0.0.1", self.port), timeout=30)

    def raw(self, data, timeout=30.0):
        self.requests += 1
        try:
            sock = self.connect()
        except OSError:
            return None  # the server is gone: the caller's check fails
        with sock:
            try:
                sock.sendall(data)
            except OSError:
                pass  # refused before all of it was sent: the answer may be there anyway
            return read_answer(sock, timeout)

    def request(self, method, path, body=None, headers=None, timeout=30.0):
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for key, value in (headers or {}).items():
            head += f"{key}: {value}\r\n"
        payload = b""
        if body is not None:
            payload = body if isinstance(body, bytes) else body.encode("utf-8")
            head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        return self.raw(head.encode("latin-1") + b"\r\n" + payload, timeout)

    def alive(self, what):
        answer = self.request("GET", "/api/incidents?limit=1", timeout=15)
        return check(self.process.poll() is None and answer is not None and answer.status == 200,
                     f"server answers after {what} (got {answer!r}, exit {self.process.poll()})")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def safe(answer, what, allowed=(200, 400, 404)):
    """A 4xx or a 200 in JSON, never a 5xx or no answer."""
    if not check(answer is not None, f"{what}: no answer"):
        return False
    ok = check(answer.status in allowed, f"{what}: status {answer.status}: {answer.body[:300]}")
    kind = answer.headers.get("content-type", "")
    ok &= check(answer.status == 200 or kind.startswith("application/json"),
                f"{what}: an error that is not JSON ({kind})")
    ok &= check(answer.headers.get("x-content-type-options") == "nosniff",
                f"{what}: no X-Content-Type-Options: nosniff")
    ok &= check(SECRET not in answer.body and "root:x:0:0" not in answer.body,
                f"{what}: leaked a file from outside web/")
    return ok


def test_tokens(server, token):
    print("tokens on writes", flush=True)
    writes = [("POST", "/api/documents", '{"doc": "t.txt", "text": "Rockets hit a base."}'),
              ("POST", "/api/subscriptions",
               '{"name": "x", "near": "33,44,5", "webhook": "http://127.0.0.1:9/"}'),
              ("GET", "/api/subscriptions", None), ("GET", "/api/alerts", None),
              ("DELETE", "/api/subscriptions/1", None)]
    cases = [(None, 401), ("", 401), ("Bearer", 401), ("Bearer ", 401), ("Basic dXNlcjpwdw==", 401),
             ("bearer " + token, 401), ("Bearer wrong-token", 403),
             ("Bearer ' OR '1'='1", 403), ("Bearer " + token + "x", 403),
             ("Bearer " + token[:-1], 403), ("Bearer " + "A" * 6000, 403)]
    for method, path, body in writes:
        for header, status in cases:
            headers = {} if header is None else {"Authorization": header}
            answer = server.request(method, path, body, headers)
            if safe(answer, f"{method} {path} with Authorization {header!r:.40}", (status,)):
                check(answer.json() and answer.json().get("field") == "Authorization",
                      f"{method} {path}: the error names the Authorization header")
    # A token refused before its body is read: a large unauthenticated POST is not swallowed.
    with server.connect() as sock:
        sock.sendall(b"POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                     b"\r\nContent-Length: 20000000\r\n\r\n")
        answer = read_answer(sock, timeout=10)
        check(answer is not None and answer.status == 401,
              f"an unauthenticated 20 MB POST is refused before its body arrives: {answer!r}")


def test_bodies(server, token):
    print("oversized and malformed bodies", flush=True)
    auth = {"Authorization": "Bearer " + token}
    # Announced beyond the limit: refused at once, without waiting for 33 MB.
    with server.connect() as sock:
        sock.sendall(b"POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                     + token.encode() + b"\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 34000000\r\n\r\n")
        started = time.monotonic()
        answer = read_answer(sock, timeout=15)
        check(answer is not None and answer.status == 413 and time.monotonic() - started < 5,
              f"Content-Length 34,000,000: 413 at once (got {answer!r})")
    answer = server.request("POST", "/api/documents", headers={
        **auth, "Content-Length": "99999999999999999999999"})
    safe(answer, "Content-Length beyond 64 bits", (400, 413))
    answer = server.request("POST", "/api/documents", headers={**auth, "Content-Length": "-5"})
    safe(answer, "Content-Length -5", (400, 411, 413))
    # Sent for real: 33 MB of JSON.
    big = b'{"doc": "big.txt", "text": "' + b"a" * (33 << 20) + b'"}'
    answer = server.request("POST", "/api/documents", big, auth)
    check(answer is None or answer.status == 413, f"a 33 MB body: 413 (got {answer!r})")
    # Chunked, with no announced length: cut off at the same limit.
    with server.connect() as sock:
        sock.sendall(b"POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                     + token.encode() + b"\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"100000\r\n" + b"a" * 0x100000 + b"\r\n"
        sent = 0
        try:
            for _ in range(40):
                if select.select([sock], [], [], 0)[0]:
                    break  # answered before the end
                sock.sendall(chunk)
                sent += 1
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = read_answer(sock, timeout=15)
        check(answer is not None and answer.status == 413,
              f"a chunked body past 32 MiB: 413 (got {answer!r} after {sent} MiB)")
    server.alive("oversized bodies")

    bad = [b"", b"{", b'{"doc": "a.txt", "text": "x"', b"[1, 2", b"null", b"42", b'"text"',
           b"[]", b"{}", b'{"doc": 5, "text": "x"}', b'{"doc": "a", "text": ["x"]}',
           b'{"doc": "a", "text": "   "}', b'{"doc": "a", "text": "x", "html": "<p>x</p>"}',
           b'{"doc": "a", "text": "x", "published": "2024-13-45"}',
           b'{"doc": "a", "text": "x", "published": "<script>"}',
           b'{"doc": "\xff\xfe", "text": "x"}', b'{"doc": "a\x00", "text": "x"}',
           b'{"doc": "a", "text": "\\ud800"}', b"[" * 100000 + b"]" * 100000,
           b"[" * 500000, b'{"a":' * 100000 + b"1" + b"}" * 100000,
           b'{"doc": "a", "text": "x"} trailing', b"\xef\xbb\xbf{}",
           json.dumps([{"doc": f"d{i}", "text": "x"} for i in range(5000)]).encode()]
    for body in bad:
        answer = server.request("POST", "/api/documents", body, auth)
        what = f"POST /api/documents {body[:40]!r}{'...' if len(body) > 40 else ''}"
        if safe(answer, what, (400, 413)) and answer.status == 400:
            check(isinstance(answer.json(), dict) and "error" in answer.json(),
                  f"{what}: an error object")
    subscription_bad = [b"{", b'{"name": "x"}', b'{"name": "x", "near": "a,b,c", "webhook": "http://h/"}',
                        b'{"name": "x", "near": "33,44,5", "webhook": "file:///etc/passwd"}',
                        b'{"name": "x", "near": "33,44,5", "webhook": "http://h/", "min_impacted": 1e300}',
                        b'{"name": "x", "near": "33,44,5", "webhook": "http://h/", '
                        b'"min_impacted": 99999999999}',
                        b'{"name": "x", "near": "33,44,5", "webhook": "http://h/", '
                        b'"min_impacted": -1}',
                        b'{"name": "x", "near": "33,44,5", "webhook": "http://h/", "weapon": "laser"}',
                        b'{"name": "x", "near": "33,44,5", "webhook": "http://h/", "format": "xml"}']
    for body in subscription_bad:
        answer = server.request("POST", "/api/subscriptions", body, auth)
        safe(answer, f"POST /api/subscriptions {body[:60]!r}", (400,))
    good = b'{"name": "dup", "near": "33,44,5", "webhook": "http://127.0.0.1:9/"}'
    first = server.request("POST", "/api/subscriptions", good, auth)
    safe(first, "POST /api/subscriptions (a new one)", (201,))
    second = server.request("POST", "/api/subscriptions", good, auth)
    safe(second, "POST /api/subscriptions with a name taken", (409,))
    for path in ["/api/subscriptions/' OR 1=1 --", "/api/subscriptions/%00",
                 "/api/subscriptions/" + "9" * 40]:
        answer = server.request("DELETE", urllib.parse.quote(path, safe="/%"), headers=auth)
        safe(answer, f"DELETE {path[:60]}", (404,))
    server.alive("malformed JSON")


def test_headers(server):
    print("oversized headers and request lines", flush=True)
    answer = server.request("GET", "/api/incidents?q=" + "a" * 20000)
    safe(answer, "a 20 KB request line", (414,))
    answer = server.request("GET", "/api/incidents", headers={"X-Big": "a" * 20000})
    safe(answer, "one 20 KB header", (400, 431))
    many = {f"X-H{i}": "b" * 4000 for i in range(300)}  # 1.2 MB of headers
    answer = server.request("GET", "/api/incidents", headers=many)
    safe(answer, "300 headers of 4 KB", (431,))
    # Headers without end: the server must stop reading, not grow without bound.
    with server.connect() as sock:
        sock.sendall(b"GET /api/incidents HTTP/1.1\r\nHost: x\r\n")
        line = b"X-Flood: " + b"c" * 8000 + b"\r\n"
        sent = 0
        try:
            for _ in range(4000):  # 32 MB
                if select.select([sock], [], [], 0)[0]:
                    break
                sock.sendall(line)
                sent += len(line)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = read_answer(sock, timeout=10)
        check(sent < (32 << 20) or (answer is not None and answer.status == 431),
              f"an endless header block is cut off (sent {sent} bytes, answer {answer!r})")
    for raw in [b"\r\n\r\n", b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                b"GET /api/incidents HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
                b"\x00\x01\x02\x03" * 100 + b"\r\n\r\n",
                b"GET /api/incidents HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                b"GET /api/incidents HTTP/1.1\r\nHost: x\r\nRange: bytes=" +
                b",".join(b"%d-%d" % (i, i) for i in range(2000)) + b"\r\n\r\n"]:
        answer = server.raw(raw, timeout=10)
        check(answer is None or answer.status < 500, f"raw {raw[:40]!r}: {answer!r}")
    server.alive("oversized headers")


def test_slow_clients(server):
    print("slow clients", flush=True)
    # More slow connections than the server has workers (64), each sending a byte a second.
    slow = []
    for _ in range(80):
        sock = server.connect()
        sock.sendall(b"GET /api/incidents HTTP/1.1\r\n")
        slow.append(sock)
    body_never_done = server.connect()
    body_never_done.sendall(b"POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                            b"Content-Type: application/json\r\n\r\n{\"doc\": ")
    stop = threading.Event()

    def trickle():
        while not stop.is_set():
            for sock in slow:
                try:
                    sock.sendall(b"X")
                except OSError:
                    pass
            stop.wait(0.5)

    thread = threading.Thread(target=trickle)
    thread.start()
    try:
        started = time.monotonic()
        answer = server.request("GET", "/api/incidents?limit=1", timeout=30)
        waited = time.monotonic() - started
        check(answer is not None and answer.status == 200 and waited < 3 * REQUEST_TIMEOUT + 3,
              f"a normal client is answered while 80 clients trickle headers "
              f"(waited {waited:.1f} s, got {answer!r})")
        # Each slow client is cut off within the bound: a 408, or the connection closed.
        deadline = time.monotonic() + 3 * REQUEST_TIMEOUT + 5
        open_ = list(slow) + [body_never_done]
        closed = 0
        while open_ and time.monotonic() < deadline:
            readable, _, _ = select.select(open_, [], [], 0.5)
            for sock in readable:
                try:
                    data = sock.recv(65536)
                except OSError:
                    data = b""
                if not data or b"408" in data.split(b"\r\n")[0]:
                    open_.remove(sock)
                    closed += 1
        check(not open_, f"every slow client is cut off within {3 * REQUEST_TIMEOUT + 5} s "
                         f"({len(open_)} still open, {closed} closed)")
    finally:
        stop.set()
        thread.join()
        for sock in slow + [body_never_done]:
            sock.close()
    # An idle connection that never sends a byte is closed too.
    with server.connect() as sock:
        started = time.monotonic()
        sock.settimeout(30)
        try:
            data = sock.recv(100)
        except OSError:
            data = b""
        check(time.monotonic() - started < 15, f"an idle connection is closed ({data[:20]!r})")
    server.alive("slow clients")


INJECTIONS = [
    "' OR '1'='1", "1; DROP TABLE incidents; --", "\" OR 1=1 --", "') UNION SELECT sql FROM "
    "sqlite_master --", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)", "NEAR(a b)", "a OR b NOT c", "\"unterminated", "*", "a*", "^x",
    "col:value", "{x y}:z", "%00", "\x00", "\u202e\u0000\uffff", "../../etc/passwd",
    "${jndi:ldap://x}", "-1", "1e308", "NaN", "99999999999999999999", "2024-02-30",
    "0000-00-00", "33.3,44.4,-1", "91,0,5", "1,2,3,4", "\u00e9\u4e2d\U0001F600", "a" * 4000,
]
FILTERS = ["since", "until", "near", "facility", "weapon", "actor", "country", "q"]
ROUTES = [
    ("/api/incidents", FILTERS + ["limit", "cursor"]),
    ("/api/incidents.geojson", FILTERS),
    ("/api/incidents.csv", FILTERS),
    ("/api/stats", FILTERS),
    ("/api/facilities", []),
    ("/api/tallies", []),
    ("/api/openapi.json", []),
]


def test_injection(server, db):
    print("injection and script strings in every parameter", flush=True)
    before = server.request("GET", "/api/incidents?limit=1000").json()
    for route, parameters in ROUTES:
        for parameter in parameters + ["unknown_parameter"]:
            for value in INJECTIONS:
                path = route + "?" + urllib.parse.urlencode({parameter: value})
                answer = server.request("GET", path)
                what = f"GET {route}?{parameter}={value[:30]!r}"
                if not safe(answer, what):
                    continue
                if answer.status != 200 or not route.startswith("/api/incidents") or \
                        route != "/api/incidents":
                    continue
                rows = answer.json()["incidents"]
                check(len(rows) <= len(before["incidents"]), f"{what}: more incidents than exist")
        # The same strings as the parameter's name, and raw (not URL-encoded) in the query.
        for value in INJECTIONS[:8]:
            safe(server.request("GET", route + "?" + urllib.parse.quote(value) + "=1"),
                 f"GET {route} with a parameter named {value[:30]!r}")
            raw = value.replace(" ", "%20").replace("\x00", "%00").replace("#", "%23")
            safe(server.request("GET", route + "?q=" + raw), f"GET {route}?q= raw {value[:30]!r}")
    # Bytes that are not UTF-8, sent percent-encoded: echoed in errors, they must not throw.
    for route, parameters in ROUTES:
        for parameter in parameters[:1] + ["weapon", "near", "country", "unknown_\xff"]:
            for value in ["%ff", "%c0%ae", "%ed%a0%80", "a%00b", "%fe%ff%00"]:
                name = urllib.parse.quote(parameter.encode("latin-1"))
                safe(server.request("GET", f"{route}?{name}={value}"),
                     f"GET {route}?{parameter!r}={value}")
    for value in ["%ff", "%c0%ae%c0%ae", "%ed%a0%80", "%00"]:
        for route in ["/api/incidents/", "/api/facilities/", "/api/no-such-route/"]:
            safe(server.request("GET", route + value), f"GET {route}{value}", (400, 404))
    for value in INJECTIONS:
        for route in ["/api/incidents/", "/api/facilities/"]:
            path = route + urllib.parse.quote(value, safe="")
            answer = server.request("GET", path)
            safe(answer, f"GET {route}{value[:30]!r}", (404, 400))
    # Script strings come back only inside JSON strings (escaped), never as markup.
    answer = server.request("GET", "/api/facilities/" + urllib.parse.quote(
        "<script>alert(1)</script>", safe=""))
    if answer is not None:
        check(answer.headers.get("content-type", "").startswith("application/json"),
              "a 404 that echoes a script string is JSON")
    after = server.request("GET", "/api/incidents?limit=1000").json()
    check(before == after, "the incidents are unchanged after the injection strings")
    connection = __import__("sqlite3").connect(f"file:{db}?mode=ro", uri=True)
    try:
        check(connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)],
              "integrity_check after the injection strings")
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        check({"incidents", "documents"} <= tables, "the tables are all there")
    finally:
        connection.close()
    server.alive("injection strings")


TRAVERSALS = [
    "/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt",
    "/%252e%252e/secret.txt", "/..%5csecret.txt", "/.%2e/secret.txt", "/%2E%2E/secret.txt",
    "/....//secret.txt", "/..;/secret.txt", "/%c0%ae%c0%ae/secret.txt", "/..%00/secret.txt",
    "/index.html%00/../../secret.txt", "/a/../../secret.txt", "/./.././secret.txt",
    "//etc/passwd", "/%2fetc%2fpasswd", "/%2Fetc%2Fpasswd", "/etc/passwd",
    "/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/vendor/leaflet/../../../secret.txt", "/vendor/leaflet/%2e%2e/%2e%2e/secret.txt",
    "/vendor/leaflet/..%2f..%2fsecret.txt", "/vendor/leaflet/..%2f..%2f..%2fsecret.txt",
    "/vendor/..%2f..%2fsecret.txt", "/api/../../secret.txt", "/api/%2e%2e/%2e%2e/secret.txt",
    "/secret.txt", "/..", "/%2e%2e", "/.", "/..%2f",
    "/" + "../" * 50 + "etc/passwd", "/%2e%2e/" * 50 + "etc/passwd",
]


def test_traversal(server):
    print("path traversal in static paths", flush=True)
    answer = server.request("GET", "/")
    check(answer is not None and answer.status == 200 and "sitrep-test-index" in answer.body,
          f"the web folder is served at / ({answer!r})")
    for path in TRAVERSALS:
        for method in ["GET", "HEAD"]:
            answer = server.request(method, path)
            if not check(answer is not None, f"{method} {path}: no answer"):
                continue
            check(answer.status < 500, f"{method} {path}: {answer.status}")
            check(SECRET not in answer.body and "root:x:0:0" not in answer.body,
                  f"{method} {path}: served a file from outside web/ ({answer.status})")
            check(answer.status != 200 or "sitrep-test-index" in answer.body or
                  "vendor-file" in answer.body,
                  f"{method} {path}: 200 with unexpected content {answer.body[:80]!r}")
    server.alive("path traversal")


def prepare(work, binary, source):
    db = os.path.join(work, "api.db")
    run = subprocess.run([binary, "ingest", "--db", db, "--quiet", "--manifest",
                          os.path.join(source, "examples/articles/manifest.jsonl"),
                          os.path.join(source, "examples/articles")],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"FAIL: ingest: {run.stderr}")
    run = subprocess.run([binary, "token", "create", "--db", db, "--name", "hostile"],
                         capture_output=True, text=True)
    token = run.stdout.strip().splitlines()[-1]
    # The web folder, with secrets beside and above it and a vendor mount inside.
    site = os.path.join(work, "site")
    web = os.path.join(site, "web")
    os.makedirs(os.path.join(site, "node_modules", "leaflet", "dist"))
    os.makedirs(web)
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>sitrep-test-index</title>\n")
    with open(os.path.join(site, "node_modules", "leaflet", "dist", "leaflet.js"), "w") as f:
        f.write("// vendor-file\n")
    for folder in [work, site, os.path.join(site, "node_modules")]:
        with open(os.path.join(folder, "secret.txt"), "w") as f:
            f.write(SECRET + "\n")
    return db, token, web


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--only", help="run only the tests whose name contains this")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="sitrep_hostile_")
    server = None
    try:
        db, token, web = prepare(work, args.binary, args.source)
        server = Server(args.binary, db, web)
        tests = [("tokens", lambda: test_tokens(server, token)),
                 ("bodies", lambda: test_bodies(server, token)),
                 ("headers", lambda: test_headers(server)),
                 ("injection", lambda: test_injection(server, db)),
                 ("traversal", lambda: test_traversal(server)),
                 ("slow", lambda: test_slow_clients(server))]
        for name, test in tests:
            if args.only and args.only not in name:
                continue
            started = time.monotonic()
            test()
            print(f"  {name}: {time.monotonic() - started:.1f} s, {server.requests} requests "
                  f"so far", flush=True)
        check(server.process.poll() is None, "the server is still running at the end")
    finally:
        if server:
            server.stop()
            stderr = server.process.stderr.read()
            if stderr.strip():
                print("server stderr:\n" + stderr[-3000:])
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"FAIL: {len(failures)} checks failed:")
        for failure in failures:
            print("  " + failure)
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
