// Browser tests: Debian's chromium (headless) driven by playwright-core against a real
// `sitrep serve` on 127.0.0.1, over the seed corpus (examples/articles when ../shared is absent).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, startBrowser, postArticles, markerCount} from './harness.mjs';

let server, browser;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function incidents(query = '') {
  const response = await fetch(`${server.url}/api/incidents?limit=1000${query}`);
  return (await response.json()).incidents;
}

async function openPage(path) {
  const page = await browser.newPage({viewport: {width: 1300, height: 850}});
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => {
    problems.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  await page.goto(server.url + path);
  await page.waitForSelector('body[data-loaded="true"]', {state: 'attached'});
  return {page, problems};
}

// Clicks a marker until its popup shows: the map may redraw its markers once more after the
// page reports loaded (a refresh of the incident list), and a click on a marker that is being
// replaced opens nothing.
async function openPopup(page, marker) {
  const link = page.locator('.leaflet-popup .popup-link');
  for (let attempt = 1; ; ++attempt) {
    await marker.waitFor({timeout: 15000});
    await marker.click();
    try {
      await link.waitFor({timeout: 5000});
      return link;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

test('the map shows every located incident as a marker', async () => {
  const located = (await incidents()).filter((i) => typeof i.lat === 'number');
  assert.ok(located.length >= 3, `expected the corpus's incidents, got ${located.length}`);
  const {page, problems} = await openPage('/');
  await page.waitForFunction((n) => {
    let count = document.querySelectorAll('.incident-marker').length;
    for (const c of document.querySelectorAll('.marker-cluster span')) count += Number(c.textContent) || 0;
    return count === n;
  }, located.length, {timeout: 15000});
  assert.equal(await markerCount(page), located.length);
  assert.equal(await page.locator('.incident-row').count(), (await incidents()).length);
  // The offline basemap is drawn (country shapes), with no tile server.
  await page.waitForSelector('.leaflet-overlay-pane path', {state: 'attached'});
  assert.ok(await page.locator('.leaflet-overlay-pane path').count() > 10);
  assert.deepEqual(problems, []);
  await page.close();
});

test('clicking a marker opens its incident page with both sources side by side', async () => {
  const shared = (await incidents()).find((i) => i.reports.length >= 2 && typeof i.lat === 'number');
  assert.ok(shared, 'the corpus has an incident told by two reports');
  const query = `?since=${shared.date}&until=${shared.date}&facility=${encodeURIComponent(shared.facility)}`;
  const {page, problems} = await openPage('/' + query);
  // The filters came from the URL.
  assert.equal(await page.inputValue('input[name="since"]'), shared.date);
  const link = await openPopup(page, page.locator(`.incident-marker[data-id="${shared.id}"]`));
  await Promise.all([page.waitForURL(/incident\.html/), link.click()]);
  await page.waitForSelector('body[data-loaded="true"]', {state: 'attached'});
  const columns = page.locator('.source-column');
  assert.equal(await columns.count(), shared.reports.length);
  const detail = await (await fetch(`${server.url}/api/incidents/${encodeURIComponent(shared.id)}`)).json();
  for (let n = 0; n < detail.reports.length; ++n) {
    const column = columns.nth(n);
    const outlet = detail.reports[n].outlet;
    if (outlet) assert.equal((await column.locator('.outlet').textContent()).trim(), outlet);
    // Each figure a source gave is shown in that source's column.
    for (const claim of detail.claims.filter((c) => c.doc === detail.reports[n].doc)) {
      const cell = column.locator(`.figure-cell[data-field="${claim.field}"] .figure-value`);
      assert.equal((await cell.textContent()).trim(), String(claim.value), `${outlet} ${claim.field}`);
    }
  }
  // Both columns hold figures, and evidence sentences are highlighted in their paragraphs.
  for (let n = 0; n < 2; ++n) assert.ok(await columns.nth(n).locator('.figure-cell:not(.empty)').count() > 0);
  assert.ok(await page.locator('.evidence-column mark').count() >= 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('dragging a range on the timeline narrows the list and the map', async () => {
  const {page, problems} = await openPage('/');
  await page.waitForSelector('.incident-row');
  const before = await page.locator('.incident-row').count();
  const area = await page.locator('#timeline .u-over').boundingBox();
  assert.ok(area, 'the timeline is drawn');
  // From the left edge to 40% of the width: the oldest attacks only.
  await page.mouse.move(area.x + 2, area.y + area.height / 2);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.4, area.y + area.height / 2, {steps: 8});
  await page.mouse.up();
  await page.waitForFunction((n) => document.querySelectorAll('.incident-row').length !== n, before);
  const after = await page.locator('.incident-row').count();
  assert.ok(after < before && after > 0, `the list went from ${before} to ${after}`);
  assert.match(page.url(), /brush=\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}/);
  assert.equal(await markerCount(page), after);
  // "all dates" brings everything back.
  await page.click('#brush-clear');
  await page.waitForFunction((n) => document.querySelectorAll('.incident-row').length === n, before);
  assert.deepEqual(problems, []);
  await page.close();
});

test('markup in an article is shown as text and never runs', async () => {
  const evil = '<script>alert(1)</script>';
  const img = '<img src=x onerror=alert(2)>';
  const posted = await postArticles(server, {
    doc: 'web_test_markup.txt',
    outlet: 'Test <b>Wire</b>',
    published: '2025-04-08',
    text: `Drones attack Erbil Air Base ${evil}\n\nTwo drones targeted the Erbil Air Base, which hosts ` +
      `US forces, on Monday ${evil}, a Kurdish security official said. ${img} Both drones were shot ` +
      'down and no one was hurt.\n',
  });
  const id = posted.documents[0].incidents[0];
  assert.ok(id, JSON.stringify(posted));
  const {page, problems} = await openPage(`/incident.html?id=${encodeURIComponent(id)}`);
  await page.waitForSelector('.evidence-column mark');
  const text = await page.locator('#evidence').textContent();
  assert.ok(text.includes(evil), 'the script tag is shown as text');
  assert.ok(text.includes(img), 'the img tag is shown as text');
  assert.ok((await page.locator('.outlet').first().textContent()).includes('<b>Wire</b>'));
  assert.equal(await page.locator('main script').count(), 0);
  assert.equal(await page.locator('img[onerror]').count(), 0);
  await page.waitForTimeout(300);
  assert.deepEqual(problems, [], 'no dialog opened and no error');
  // The map page shows it safely too. Filtered to its day as well as its site: other incidents at
  // the same coordinates would stack their markers on this one.
  const day = (await (await fetch(`${server.url}/api/incidents/${encodeURIComponent(id)}`)).json()).date;
  const map = await openPage(
      `/?since=${day}&until=${day}&facility=${encodeURIComponent('Erbil Air Base')}`);
  await openPopup(map.page, map.page.locator(`.incident-marker[data-id="${id}"]`));
  assert.equal(await map.page.locator('img[onerror]').count(), 0);
  assert.deepEqual(map.problems, []);
  await map.page.close();
  await page.close();
});

test('an Arabic and an English report of one attack are one incident; Arabic evidence runs right to left', async () => {
  const posted = await postArticles(server, [
    {
      doc: 'web_test_ar.txt',
      outlet: 'Anbar Arabic',
      published: '2025-07-09',
      text: 'سقوط صاروخين على قاعدة عين الأسد الجوية\n\nسقط صاروخان من نوع كاتيوشا على قاعدة عين الأسد ' +
        'الجوية التي تضم قوات أمريكية في محافظة الأنبار غربي العراق مساء الثلاثاء، بحسب مصدر أمني. ' +
        'ولم يسفر الهجوم عن وقوع إصابات.\n',
    },
    {
      doc: 'web_test_en.txt',
      outlet: 'English Wire',
      published: '2025-07-09',
      text: 'Two rockets hit Ain al-Asad\n\nTwo Katyusha rockets landed on Ain al-Asad Air Base, which ' +
        'hosts US forces in Anbar province, on Tuesday evening, an Iraqi security source said. ' +
        'There were no casualties.\n',
    },
  ]);
  const [ar, en] = posted.documents;
  assert.ok(ar.incidents[0], JSON.stringify(posted));
  assert.equal(ar.incidents[0], en.incidents[0], 'one incident for both reports');
  const {page, problems} = await openPage(`/incident.html?id=${encodeURIComponent(ar.incidents[0])}`);
  const column = page.locator('.evidence-column[data-doc="web_test_ar.txt"]');
  await column.locator('mark').first().waitFor();
  assert.equal(await column.getAttribute('dir'), 'rtl');
  assert.equal(await column.getAttribute('lang'), 'ar');
  assert.ok((await column.locator('mark').first().textContent()).includes('صاروخ'), 'the original words');
  assert.equal(await page.locator('.evidence-column[data-doc="web_test_en.txt"]').getAttribute('dir'), 'ltr');
  const tag = page.locator('.source-column[data-doc="web_test_ar.txt"] .language-tag');
  assert.equal((await tag.textContent()).trim(), 'ar');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an article posted through the API appears on an open map without a reload', async () => {
  const {page, problems} = await openPage('/');
  await page.waitForSelector('.incident-row');
  await page.waitForFunction(() => document.getElementById('live').classList.contains('on'));
  const markersBefore = await markerCount(page);
  const rowsBefore = await page.locator('.incident-row').count();
  await page.evaluate(() => { window.__sameDocument = true; });
  await postArticles(server, {
    doc: 'web_test_live.txt',
    outlet: 'Live Wire',
    published: '2025-06-03',
    text: 'Rockets hit US base in Syria\n\nFour rockets struck the Conoco gas field base housing US ' +
      'forces in eastern Syria on Monday, a US official said. No one was hurt.\n',
  });
  await page.waitForFunction((n) => document.querySelectorAll('.incident-row').length > n, rowsBefore, {timeout: 15000});
  await page.waitForFunction(() => !document.getElementById('new-badge').hidden);
  assert.equal(await markerCount(page), markersBefore + 1);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
  assert.ok(await page.locator('.incident-row .badge').count() >= 1, 'the new row is marked');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the facility page shows its history', async () => {
  const located = (await incidents()).find((i) => i.facility);
  const {page, problems} = await openPage(`/facility.html?name=${encodeURIComponent(located.facility)}`);
  await page.waitForSelector('.card');
  assert.equal((await page.locator('h1').textContent()).trim(), located.facility);
  assert.equal(await page.locator('.card').count(), 4);
  assert.ok(await page.locator('#incidents .incident-row').count() >= 1);
  assert.ok(await page.locator('#months canvas').count() >= 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an online tile layer chosen in the settings is remembered', async () => {
  const {page, problems} = await openPage('/');
  await page.click('#settings-button');
  await page.fill('#tile-url', 'ftp://not-a-tile-server/');
  await page.click('#tile-save');
  assert.match(await page.locator('#error').textContent(), /tile URL/);
  await page.fill('#tile-url', 'https://127.0.0.1:9/{z}/{x}/{y}.png');
  await page.click('#tile-save');
  assert.equal(await page.evaluate(() => localStorage.getItem('sitrep.tiles')), 'https://127.0.0.1:9/{z}/{x}/{y}.png');
  await page.waitForSelector('.leaflet-tile-pane img', {state: 'attached'});
  await page.reload();
  await page.waitForSelector('body[data-loaded="true"]', {state: 'attached'});
  await page.waitForSelector('.leaflet-tile-pane img', {state: 'attached'});
  const src = await page.locator('.leaflet-tile-pane img').first().getAttribute('src');
  assert.match(src || '', /^https:\/\/127\.0\.0\.1:9\/\d+\/\d+\/\d+\.png$/);
  // Back to the offline map only.
  await page.click('#settings-button');
  await page.click('#tile-clear');
  assert.equal(await page.evaluate(() => localStorage.getItem('sitrep.tiles')), null);
  assert.equal(await page.locator('.leaflet-tile-pane img').count(), 0);
  assert.deepEqual(problems.filter((p) => !p.includes('127.0.0.1:9')), []);
  await page.close();
});
