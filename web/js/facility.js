// The facility page: attacks over time, weapon mix, interception rate, days since the last
// attack and the list of its incidents.
'use strict';

const facilityName = new URLSearchParams(location.search).get('name') || '';
let monthsPlot = null;

function card(label, value, note) {
  return el('div', {class: 'card'}, el('div', {class: value.length > 10 ? 'card-value long' : 'card-value'}, value), el('div', {class: 'card-label'}, label),
    note ? el('div', {class: 'muted small'}, note) : null);
}

function drawMonths(months) {
  const box = clear(document.getElementById('months'));
  if (monthsPlot) monthsPlot.destroy();
  if (!months.length) {
    box.append(el('p', {class: 'muted'}, 'No dated attacks.'));
    return;
  }
  // Every month from the first to the last, zeros included.
  const counts = new Map(months.map((m) => [m.month, m.attacks]));
  const xs = [], ys = [];
  let [y, m] = months[0].month.split('-').map(Number);
  const [ly, lm] = months[months.length - 1].month.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    xs.push(Date.UTC(y, m - 1, 1) / 1000);
    ys.push(counts.get(key) || 0);
    if (++m > 12) { m = 1; ++y; }
  }
  const pad = 20 * 86400;
  monthsPlot = new uPlot({
    width: box.clientWidth || 480, height: 180, legend: {show: false},
    scales: {x: {time: true, range: [xs[0] - pad, xs[xs.length - 1] + pad]}, y: {range: (u, a, b) => [0, Math.max(1, b)]}},
    axes: [{stroke: '#52606d', grid: {show: false}}, {stroke: '#52606d', size: 32, incrs: [1, 2, 5, 10, 20, 50]}],
    series: [{}, {label: 'attacks', fill: '#e4572e', stroke: '#e4572e', paths: uPlot.paths.bars({size: [0.8, 40]}), points: {show: false}}],
  }, [xs, ys], box);
}

function render(f) {
  document.title = `${f.name} · sitrep`;
  clear(document.getElementById('header')).append(
    el('h1', {}, f.name),
    el('p', {class: 'lead'}, [f.city, f.country].filter(Boolean).join(', '),
      typeof f.lat === 'number' ? ` · ${f.lat.toFixed(3)}, ${f.lon.toFixed(3)}` : ''));
  const rate = f.interception.rate;
  clear(document.getElementById('cards')).append(
    card('attacks recorded', String(f.attacks)),
    card('days since the last attack', f.days_since_last_attack === null ? '–' : String(f.days_since_last_attack),
      f.last_attack ? `last: ${f.last_attack}` : null),
    card('interception rate', rate === null ? '–' : `${Math.round(rate * 100)}%`,
      f.interception.incidents ? `${f.interception.intercepted} of ${f.interception.launched} launched, ${f.interception.incidents} attacks with both known` : 'never both counts known'),
    card('casualties', `${f.casualties.killed} killed · ${f.casualties.injured} injured`));
  drawMonths(f.attacks_per_month);
  const weapons = clear(document.getElementById('weapons'));
  const total = Object.values(f.weapon_mix).reduce((a, b) => a + b, 0) || 1;
  for (const [weapon, n] of Object.entries(f.weapon_mix).sort((a, b) => b[1] - a[1])) {
    const bar = el('span', {class: `bar w-${weapon}`});
    bar.style.width = `${Math.round((100 * n) / total)}%`;
    weapons.append(el('li', {}, el('span', {class: 'bar-label'}, weaponDot(weapon), weaponLabel(weapon), ` ${n}`), el('span', {class: 'bar-track'}, bar)));
  }
  const list = clear(document.getElementById('incidents'));
  for (const i of f.incidents) {
    const counts = ['launched', 'intercepted', 'impacted', 'killed', 'injured']
      .filter((k) => i[k] !== null && i[k] !== undefined).map((k) => `${i[k]} ${k}`).join(' · ');
    list.append(el('li', {class: 'incident-row', 'data-id': i.id},
      el('a', {href: `/incident.html?id=${encodeURIComponent(i.id)}`},
        el('span', {class: 'date'}, i.date || 'undated'),
        el('span', {class: 'weapon'}, weaponDot(i.weapon), weaponLabel(i.weapon)),
        el('span', {class: 'counts'}, counts || (i.background ? 'mentioned in passing' : 'no figures')))));
  }
}

async function load() {
  try {
    render(await api(`/api/facilities/${encodeURIComponent(facilityName)}`));
    showError(null);
  } catch (error) {
    showError(error);
  }
  document.body.dataset.loaded = 'true';
}

listenLive((event) => {
  if (event.incident && (event.incident.facility || '').toLowerCase() === facilityName.toLowerCase()) load();
});
load();
