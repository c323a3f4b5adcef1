// Takes the README's screenshots (docs/screenshots/) of the real pages: the map, an incident
// page with two sources, and a facility page. Usage: node scripts/screenshots.mjs
import {startServer, startBrowser, root} from '../tests/web/harness.mjs';
import {join} from 'node:path';
import {mkdirSync} from 'node:fs';

const out = join(root, 'docs', 'screenshots');
mkdirSync(out, {recursive: true});
const server = await startServer({examples: true});
const browser = await startBrowser();
try {
  const page = await browser.newPage({viewport: {width: 1400, height: 860}});
  await page.goto(server.url + '/');
  await page.waitForSelector('body[data-loaded="true"]');
  await page.waitForTimeout(1500);
  await page.screenshot({path: join(out, 'map.png')});
  const incidents = (await (await fetch(`${server.url}/api/incidents?limit=1000`)).json()).incidents;
  const shared = incidents.find((i) => i.reports.length >= 2) || incidents[0];
  await page.goto(`${server.url}/incident.html?id=${encodeURIComponent(shared.id)}`);
  await page.waitForSelector('body[data-loaded="true"]');
  await page.waitForTimeout(300);
  await page.screenshot({path: join(out, 'incident.png'), fullPage: true});
  await page.goto(`${server.url}/facility.html?name=${encodeURIComponent(shared.facility)}`);
  await page.waitForSelector('body[data-loaded="true"]');
  await page.waitForTimeout(500);
  await page.screenshot({path: join(out, 'facility.png'), fullPage: true});
} finally {
  await browser.close();
  await server.stop();
}
