// Browser-test harness: a real `sitrep serve` on a free port of 127.0.0.1 over a fresh
// database, and Debian's chromium driven by playwright-core. Both are stopped by stop().
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
const require = createRequire(join(root, 'package.json'));
const {chromium} = require('playwright-core');

export const binary = process.env.SITREP_BINARY || join(root, 'build-debug', 'sitrep');
export const sharedSeeds = resolve(root, '..', 'shared', 'corpus', 'seeds');

function run(args) {
  const result = spawnSync(binary, args, {encoding: 'utf8'});
  if (result.status !== 0) throw new Error(`sitrep ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

// Ingests the seeds (or examples/articles when ../shared is absent) into a new database,
// creates a token and starts the server. Returns {url, token, db, stop}.
export async function startServer({seeds = true, examples = false} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-web-'));
  const db = join(dir, 'web.db');
  const haveSeeds = seeds && existsSync(join(sharedSeeds, 'manifest.jsonl'));
  if (haveSeeds)
    run(['ingest', '-q', '--db', db, '--manifest', join(sharedSeeds, 'manifest.jsonl'), sharedSeeds]);
  if (!haveSeeds || examples) {
    const dir = join(root, 'examples', 'articles');
    run(['ingest', '-q', '--db', db, '--manifest', join(dir, 'manifest.jsonl'), dir]);
  }
  const token = run(['token', 'create', '--db', db, '--name', 'browser-test']).trim().split('\n').pop();
  const server = spawn(binary, ['serve', '--db', db, '--port', '0', '--host', '127.0.0.1'],
    {stdio: ['ignore', 'pipe', 'pipe']});
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sitrep serve did not start: ${stderr}`)), 60000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${m[1]}`);
      }
    });
    server.on('exit', (code) => reject(new Error(`sitrep serve exited ${code}: ${stderr}`)));
  });
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.on('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    rmSync(dir, {recursive: true, force: true});
  };
  return {url, token, db, stop};
}

export async function startBrowser() {
  const args = ['--disable-gpu', '--disable-dev-shm-usage'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  return chromium.launch({executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args});
}

// Posts articles through the API with the test's token.
export async function postArticles(server, articles) {
  const response = await fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`},
    body: JSON.stringify(articles),
  });
  const body = await response.json();
  if (response.status >= 300) throw new Error(`POST /api/documents: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

// Markers on the map: single markers plus the incidents inside clusters.
export async function markerCount(page) {
  return page.evaluate(() => {
    const singles = document.querySelectorAll('.incident-marker').length;
    let clustered = 0;
    for (const c of document.querySelectorAll('.marker-cluster span')) clustered += Number(c.textContent) || 0;
    return singles + clustered;
  });
}
