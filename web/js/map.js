// The map page: filters held in the URL, an offline world basemap, clustered incident
// markers, a weekly timeline whose brush narrows the map and the list, and live updates.
'use strict';

const FILTERS = ['since', 'until', 'country', 'facility', 'weapon', 'actor', 'q'];
const state = {incidents: [], brush: null, newIds: new Set(), tiles: null};

// ---- filters <-> URL ------------------------------------------------------------------------
function readUrl() {
  const params = new URLSearchParams(location.search);
  const form = document.getElementById('filters');
  for (const name of FILTERS) form.elements[name].value = params.get(name) || '';
  const brush = params.get('brush');
  state.brush = brush && /^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/.test(brush) ? brush.split('..') : null;
}

function writeUrl() {
  const form = document.getElementById('filters');
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  if (state.brush) params.set('brush', state.brush.join('..'));
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

function apiQuery() {
  const form = document.getElementById('filters');
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function fetchIncidents() {
  const params = apiQuery();
  params.set('limit', '1000');
  const all = [];
  for (let page = 0; page < 50; ++page) {
    const body = await api(`/api/incidents?${params}`);
    all.push(...body.incidents);
    if (!body.next_cursor) break;
    params.set('cursor', body.next_cursor);
  }
  return all;
}

function inBrush(incident) {
  if (!state.brush) return true;
  return incident.date && incident.date >= state.brush[0] && incident.date <= state.brush[1];
}

// ---- map ------------------------------------------------------------------------------------
const map = L.map('map', {worldCopyJump: true, zoomSnap: 0.5, minZoom: 2, maxZoom: 18}).setView([32, 42], 5);
const basemap = L.layerGroup().addTo(map);
const clusters = L.markerClusterGroup({maxClusterRadius: 36, showCoverageOnHover: false,
  spiderfyOnMaxZoom: true});
map.addLayer(clusters);

async function loadBasemap() {
  try {
    const world = await (await fetch('/vendor/world-atlas/countries-50m.json')).json();
    const countries = topojson.feature(world, world.objects.countries);
    L.geoJSON(countries, {
      interactive: false,
      style: {color: '#9aa5b1', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: 1},
    }).addTo(basemap);
    const borders = topojson.mesh(world, world.objects.countries, (a, b) => a !== b);
    L.geoJSON(borders, {interactive: false, style: {color: '#8893a0', weight: 0.8}}).addTo(basemap);
  } catch (error) {
    showError(new Error('offline basemap unavailable: ' + error.message));
  }
}

function applyTiles() {
  const url = localStorage.getItem('sitrep.tiles');
  if (state.tiles) {
    map.removeLayer(state.tiles);
    state.tiles = null;
  }
  if (url && /^https:\/\//i.test(url)) {
    state.tiles = L.tileLayer(url, {maxZoom: 18, attribution: 'tiles: ' + new URL(url).host});
    state.tiles.addTo(map);
  }
}

function markerSize(incident) {
  const figure = incident.impacted || incident.launched;
  const n = figure ? figure.best : 0;
  return Math.round(14 + Math.min(26, 6 * Math.sqrt(n)));
}

function popupFor(incident) {
  const rows = [];
  for (const field of FIGURES)
    if (incident[field]) rows.push(el('tr', {}, el('th', {}, field), el('td', {}, figureText(incident[field]))));
  return el('div', {class: 'popup'},
    el('div', {class: 'popup-date'}, incident.date || 'undated', incident.time_local ? ` ${incident.time_local}` : ''),
    el('div', {class: 'popup-place'}, placeName(incident)),
    el('div', {class: 'popup-weapon'}, weaponDot(incident.weapon), weaponLabel(incident.weapon),
      incident.weapon_detail ? ` (${incident.weapon_detail})` : ''),
    rows.length ? el('table', {class: 'popup-figures'}, rows) : el('div', {class: 'muted'}, 'no figures reported'),
    el('a', {class: 'popup-link', href: incidentLink(incident)}, 'Open incident →'));
}

function drawMarkers(visible) {
  clusters.clearLayers();
  const markers = [];
  for (const incident of visible) {
    if (typeof incident.lat !== 'number' || typeof incident.lon !== 'number') continue;
    const size = markerSize(incident);
    const classes = ['incident-marker', `w-${incident.weapon || 'unknown'}`];
    if (incident.geo_precision && incident.geo_precision !== 'facility') classes.push('approximate');
    if (incident.background) classes.push('background');
    if (state.newIds.has(incident.id)) classes.push('fresh');
    const icon = L.divIcon({className: classes.join(' '), iconSize: [size, size]});
    const marker = L.marker([incident.lat, incident.lon], {icon, title: `${incident.date || ''} ${placeName(incident)}`});
    marker.bindPopup(() => popupFor(incident));
    marker.on('add', () => {
      const node = marker.getElement();
      if (node) node.dataset.id = incident.id;
    });
    markers.push(marker);
  }
  clusters.addLayers(markers);
}

// ---- timeline -------------------------------------------------------------------------------
let plot = null;

function mondayOf(date) {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.getTime() / 1000;
}

function isoDay(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

function timelineData(incidents) {
  const weeks = new Map();
  for (const incident of incidents) {
    if (!incident.date) continue;
    const week = mondayOf(incident.date);
    if (!weeks.has(week)) weeks.set(week, Object.fromEntries(WEAPONS.map((w) => [w, 0])));
    weeks.get(week)[incident.weapon || 'unknown'] += 1;
  }
  const xs = [...weeks.keys()].sort((a, b) => a - b);
  const used = WEAPONS.filter((w) => xs.some((x) => weeks.get(x)[w] > 0));
  // Stacked bars: series i holds weapons i..n summed, drawn first-to-last so each shows its part.
  const stacks = used.map((_, i) => xs.map((x) => used.slice(i).reduce((sum, w) => sum + weeks.get(x)[w], 0)));
  return {xs, used, stacks};
}

function drawTimeline(incidents) {
  const box = document.getElementById('timeline');
  const {xs, used, stacks} = timelineData(incidents);
  if (plot) {
    plot.destroy();
    plot = null;
  }
  clear(box);
  const legend = clear(document.getElementById('legend'));
  for (const w of used) legend.append(el('span', {class: 'legend-item'}, weaponDot(w), weaponLabel(w)));
  if (!xs.length) {
    box.append(el('p', {class: 'muted'}, 'No dated incidents.'));
    return;
  }
  const pad = 7 * 86400;
  const bars = uPlot.paths.bars({size: [0.9, 24, 5]});
  const options = {
    width: box.clientWidth || 420,
    height: 150,
    legend: {show: false},
    cursor: {drag: {x: true, y: false, setScale: false}, points: {show: false}},
    select: {show: true},
    scales: {x: {time: true, range: [xs[0] - pad, xs[xs.length - 1] + pad]}, y: {range: (u, min, max) => [0, Math.max(1, max)]}},
    axes: [{stroke: '#52606d', grid: {show: false}}, {stroke: '#52606d', size: 32, incrs: [1, 2, 5, 10, 20, 50]}],
    series: [{}, ...used.map((w) => ({label: w, fill: WEAPON_COLORS[w], stroke: WEAPON_COLORS[w], paths: bars, points: {show: false}}))],
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 3) return;
        const from = u.posToVal(u.select.left, 'x');
        const to = u.posToVal(u.select.left + u.select.width, 'x');
        state.brush = [isoDay(from), isoDay(to)];
        writeUrl();
        render();
      }],
    },
  };
  plot = new uPlot(options, [xs, ...stacks], box);
}

// ---- list -----------------------------------------------------------------------------------
function drawList(visible) {
  const list = clear(document.getElementById('list'));
  document.getElementById('count').textContent = String(visible.length);
  for (const incident of visible) list.append(incidentRow(incident, state.newIds.has(incident.id)));
  const label = document.getElementById('brush-label');
  const reset = document.getElementById('brush-clear');
  label.textContent = state.brush ? `${state.brush[0]} to ${state.brush[1]}` : 'drag on the chart to pick dates';
  reset.hidden = !state.brush;
}

function fillDatalists(incidents) {
  const countries = clear(document.getElementById('countries'));
  for (const c of [...new Set(incidents.map((i) => i.country).filter(Boolean))].sort()) countries.append(el('option', {value: c}));
  const facilities = clear(document.getElementById('facilities'));
  for (const f of [...new Set(incidents.map((i) => i.facility).filter(Boolean))].sort()) facilities.append(el('option', {value: f}));
}

function render() {
  const visible = state.incidents.filter(inBrush);
  drawMarkers(visible);
  drawList(visible);
}

async function reload(redrawTimeline) {
  try {
    state.incidents = await fetchIncidents();
    showError(null);
  } catch (error) {
    showError(error);
    state.incidents = [];
  }
  if (redrawTimeline !== false) drawTimeline(state.incidents);
  if (!state.framed) {
    const points = state.incidents.filter((i) => typeof i.lat === 'number').map((i) => [i.lat, i.lon]);
    if (points.length) {
      map.fitBounds(L.latLngBounds(points).pad(0.5), {maxZoom: 6});
      state.framed = true;
    }
  }
  fillDatalists(state.incidents);
  render();
  document.body.dataset.loaded = 'true';
}

// ---- wiring ---------------------------------------------------------------------------------
function wire() {
  const form = document.getElementById('filters');
  let timer = null;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      writeUrl();
      reload();
    }, 250);
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('reset', () => {
    state.brush = null;
    setTimeout(changed, 0);
  });
  document.getElementById('brush-clear').addEventListener('click', () => {
    state.brush = null;
    if (plot) plot.setSelect({left: 0, width: 0, top: 0, height: 0}, false);
    writeUrl();
    render();
  });
  const settings = document.getElementById('settings');
  const tileUrl = document.getElementById('tile-url');
  document.getElementById('settings-button').addEventListener('click', () => {
    settings.hidden = !settings.hidden;
    tileUrl.value = localStorage.getItem('sitrep.tiles') || '';
  });
  document.getElementById('tile-save').addEventListener('click', () => {
    const url = tileUrl.value.trim();
    if (url && !/^https:\/\/.*\{z\}.*\{x\}.*\{y\}/i.test(url)) {
      showError(new Error('tile URL: expected https://…/{z}/{x}/{y}…'));
      return;
    }
    if (url) localStorage.setItem('sitrep.tiles', url);
    else localStorage.removeItem('sitrep.tiles');
    showError(null);
    applyTiles();
    settings.hidden = true;
  });
  document.getElementById('tile-clear').addEventListener('click', () => {
    localStorage.removeItem('sitrep.tiles');
    tileUrl.value = '';
    applyTiles();
    settings.hidden = true;
  });
  window.addEventListener('resize', () => plot && plot.setSize({width: document.getElementById('timeline').clientWidth, height: 150}));
  let pending = null;  // a burst of events reloads once
  listenLive((event) => {
    state.newIds.add(event.id);
    clearTimeout(pending);
    pending = setTimeout(() => reload(), 100);
  });
}

readUrl();
wire();
applyTiles();
loadBasemap();
reload();
