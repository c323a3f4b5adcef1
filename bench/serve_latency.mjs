// Loopback latency of `sitrep serve` (numbers for docs/PERFORMANCE.md and the issue's closing
// note): GET /api/incidents p50/p99 on a 10,000-incident database, and the time from a
// POST /api/documents to the webhook receiving its alert (p50/p99 over 100 posts).
// Usage: node bench/serve_latency.mjs [path/to/sitrep]   (default build/sitrep, Release)
// Environment:
//   SITREP_BENCH_INCIDENTS=N   synthetic incidents for the GETs (default 10000)
//   SITREP_BENCH_POST_DB=FILE  POST into a copy of this SQLite database (its stored reports are
//                              what every POST re-merges) instead of the example articles'
//   SITREP_BENCH_POST_RATE=R   send the posts at R per second without waiting for each alert
//                              (default 0: one after another, each waiting for its alert)
//   SITREP_BENCH_POSTS=N       how many posts (default 100)
import {spawn, spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const binary = process.argv[2] || 'build/sitrep';
const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
const db = join(dir, 'bench.db');
const count = Number(process.env.SITREP_BENCH_INCIDENTS || 10000);
const postSource = process.env.SITREP_BENCH_POST_DB || '';
const postRate = Number(process.env.SITREP_BENCH_POST_RATE || 0);
const posts = Number(process.env.SITREP_BENCH_POSTS || 100);

function sitrep(args) {
  const r = spawnSync(binary, args, {encoding: 'utf8'});
  if (r.status !== 0) throw new Error(`sitrep ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// `count` synthetic incidents written straight into the incidents table (the schema comes from
// `sitrep token create`, which creates the database).
const token = sitrep(['token', 'create', '--db', db, '--name', 'bench']).trim().split('\n').pop();
const weapons = ['rocket', 'drone', 'missile', 'mortar', 'ied'];
const sites = [['US Embassy Baghdad', 'IQ', 33.2986, 44.3958], ['Erbil Air Base', 'IQ', 36.2376, 43.9632],
  ['Ain al-Asad Air Base', 'IQ', 33.7856, 42.4412], ['Al-Tanf Garrison', 'SY', 33.49, 38.62]];
const rows = [];
for (let n = 0; n < count; ++n) {
  const [facility, country, lat, lon] = sites[n % sites.length];
  const day = new Date(Date.UTC(2019, 0, 1) + (n % 2500) * 86400000).toISOString().slice(0, 10);
  const id = `inc-${day}-bench-${n}`;
  const figure = (v) => ({best: v, low: v, high: v, claims: [{value: v, doc: `bench-${n}.txt`, outlet: 'Bench Wire', source: 'official'}]});
  const incident = {id, revision: 1, date: day, date_precision: 'day', time_local: null, country, city: '',
    facility, lat, lon, geo_precision: 'facility', target_type: 'military', weapon: weapons[n % weapons.length],
    weapon_detail: null, launched: figure(1 + (n % 7)), intercepted: null, impacted: figure(n % 3), killed: null,
    injured: null, damage: 'unknown', suspected: ['Iran-aligned militias'], claimed_by: [], denied_by: [],
    alarm_sounded: null, air_defense_engaged: null, reports: [`bench-${n}.txt`], background: false,
    first_seen: '2025-01-01T00:00:00Z', updated: '2025-01-01T00:00:00Z'};
  const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
  rows.push(`(${quote(id)},1,${quote(day)},${lat},${lon},${quote(facility)},${quote(incident.weapon)},0,${quote(JSON.stringify(incident))})`);
}
const sql = `BEGIN;\n${rows.map((r) => `INSERT INTO incidents (id, revision, date, lat, lon, facility, weapon, background, json) VALUES ${r};`).join('\n')}\nCOMMIT;\n`;
const python = spawnSync('python3', ['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.stdin.read()); c.close()', db], {input: sql, encoding: 'utf8'});
if (python.status !== 0) throw new Error(python.stderr);

async function serve(database) {
  const child = spawn(binary, ['serve', '--db', database, '--port', '0'], {stdio: ['ignore', 'pipe', 'inherit']});
  const address = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
  });
  return {child, address};
}
async function shutdown(child) {
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
}
let {child: server, address: url} = await serve(db);

function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return {p50: at(0.5).toFixed(2), p99: at(0.99).toFixed(2), n: s.length};
}

try {
  // GET /api/incidents (default page of 100, newest first), then with a filter.
  for (const [label, path] of [['GET /api/incidents', '/api/incidents'],
    ['GET /api/incidents?weapon=drone&since=2023-01-01', '/api/incidents?weapon=drone&since=2023-01-01'],
    ['GET /api/incidents?limit=1000', '/api/incidents?limit=1000']]) {
    for (let i = 0; i < 20; ++i) await (await fetch(url + path)).arrayBuffer();  // warm-up
    const times = [];
    for (let i = 0; i < 500; ++i) {
      const t = performance.now();
      const r = await fetch(url + path);
      await r.arrayBuffer();
      times.push(performance.now() - t);
    }
    console.log(`${label} on ${count.toLocaleString('en')} incidents (ms):`, percentiles(times));
  }

  // POST /api/documents -> webhook, on a database of the example articles (or a copy of
  // SITREP_BENCH_POST_DB): a POST re-merges every stored report, and the synthetic incidents
  // above have none.
  await shutdown(server);
  const postDb = join(dir, 'post.db');
  if (postSource) {
    copyFileSync(postSource, postDb);
    for (const suffix of ['-wal', '-shm']) if (existsSync(postSource + suffix)) copyFileSync(postSource + suffix, postDb + suffix);
  } else {
    sitrep(['ingest', '-q', '--db', postDb, '--manifest', 'examples/articles/manifest.jsonl', 'examples/articles']);
  }
  const postToken = sitrep(['token', 'create', '--db', postDb]).trim().split('\n').pop();
  ({child: server, address: url} = await serve(postDb));
  const received = new Map();
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const alert = JSON.parse(body);
      if (!received.has(alert.alert.incident_id)) received.set(alert.alert.incident_id, performance.now());
      res.end('{}');
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${receiver.address().port}/hook`;
  const auth = {'Content-Type': 'application/json', Authorization: `Bearer ${postToken}`};
  const sub = await fetch(`${url}/api/subscriptions`, {method: 'POST', headers: auth,
    body: JSON.stringify({name: 'bench', facility: 'Conoco', webhook: hook})});
  if (sub.status !== 201) throw new Error(await sub.text());
  // One post: the time from sending it to the webhook receiving the alert for its incident.
  // The texts differ (a document's id is a hash of its text: a repeated text is not stored).
  async function post(n) {
    const day = new Date(Date.UTC(2026, 0, 5) + n * 7 * 86400000).toISOString().slice(0, 10);
    const text = 'Rockets hit US base in Syria\n\nFour rockets struck the Conoco gas field base housing US ' +
      `forces in eastern Syria on Monday, a US official said. No one was hurt.\n\nBench item ${n}.\n`;
    const t = performance.now();
    const response = await fetch(`${url}/api/documents`, {method: 'POST', headers: auth,
      body: JSON.stringify({doc: `bench-post-${n}.txt`, text, published: day, url: `https://bench.example/${n}`})});
    const answer = await response.json();
    const id = answer.documents[0].incidents[0];
    const deadline = performance.now() + 600000;
    while (!received.has(id)) {
      if (performance.now() > deadline) throw new Error(`no alert for ${id}`);
      await new Promise((r) => setTimeout(r, 1));
    }
    return received.get(id) - t;
  }
  const latencies = [];
  if (postRate > 0) {
    const pending = [];
    const start = performance.now();
    for (let n = 0; n < posts; ++n) {
      const wait = start + (n * 1000) / postRate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(post(n));
    }
    latencies.push(...(await Promise.all(pending)));
  } else {
    for (let n = 0; n < posts; ++n) latencies.push(await post(n));
  }
  console.log(`POST /api/documents -> webhook received (ms, ${posts} posts${postRate > 0 ? ` at ${postRate}/s` : ', one at a time'}):`, percentiles(latencies));
  receiver.close();
} finally {
  await shutdown(server);
  rmSync(dir, {recursive: true, force: true});
}
