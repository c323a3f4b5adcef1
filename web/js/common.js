// Shared by every page of the sitrep web app. Article text and every value from the API is
// put into the page as text nodes (el() below); nothing here assigns HTML from data.
'use strict';

const WEAPONS = ['rocket', 'drone', 'missile', 'mortar', 'ied', 'small_arms', 'unknown'];
const WEAPON_COLORS = {
  rocket: '#e4572e', drone: '#7b2cbf', missile: '#c9184a', mortar: '#f3a712',
  ied: '#2a9d8f', small_arms: '#577590', unknown: '#8d99ae',
};
const FIGURES = ['launched', 'intercepted', 'impacted', 'killed', 'injured'];

// el('a', {href: '/x', class: 'y'}, 'text', otherNode): children that are strings become
// text nodes, so data can never become markup.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'href' && !/^(\/|https?:\/\/|#|\?)/i.test(String(value))) continue;
    if (name.startsWith('on')) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

async function api(path) {
  const response = await fetch(path, {headers: {Accept: 'application/json'}});
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

function showError(error) {
  const box = document.getElementById('error');
  if (!box) return;
  box.hidden = !error;
  box.textContent = error ? String(error.message || error) : '';
}

function placeName(incident) {
  return incident.facility || incident.city || incident.country || 'unknown place';
}

// "3", "3 (3–14)" or "–".
function figureText(figure) {
  if (!figure) return '–';
  if (figure.low === figure.high) return String(figure.best);
  return `${figure.best} (${figure.low}–${figure.high})`;
}

function weaponLabel(weapon) {
  return (weapon || 'unknown').replace('_', ' ');
}

function weaponDot(weapon) {
  return el('span', {class: `dot w-${weapon || 'unknown'}`, 'aria-hidden': 'true'});
}

function incidentLink(incident) {
  return `/incident.html?id=${encodeURIComponent(incident.id)}`;
}

function facilityLink(name) {
  return `/facility.html?name=${encodeURIComponent(name)}`;
}

// Live updates: calls onIncident({kind, id, revision, incident}) for every server-sent event
// and shows the page's "new" badge.
function listenLive(onIncident) {
  const indicator = document.getElementById('live');
  const badge = document.getElementById('new-badge');
  if (!window.EventSource) return null;
  const source = new EventSource('/api/events');
  source.addEventListener('open', () => indicator && indicator.classList.add('on'));
  source.addEventListener('error', () => indicator && indicator.classList.remove('on'));
  source.addEventListener('incident', (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (badge) {
      badge.hidden = false;
      badge.textContent = data.kind === 'new' ? 'new' : 'updated';
    }
    onIncident(data);
  });
  return source;
}

// One row of an incident list: date, place, weapon, counts, number of sources.
function incidentRow(incident, isNew) {
  const counts = [];
  if (incident.launched) counts.push(`${figureText(incident.launched)} launched`);
  if (incident.intercepted) counts.push(`${figureText(incident.intercepted)} intercepted`);
  if (incident.impacted) counts.push(`${figureText(incident.impacted)} impacted`);
  if (incident.killed && incident.killed.best) counts.push(`${figureText(incident.killed)} killed`);
  if (incident.injured && incident.injured.best) counts.push(`${figureText(incident.injured)} injured`);
  const reports = (incident.reports || []).length;
  return el('li', {class: 'incident-row', 'data-id': incident.id},
    el('a', {href: incidentLink(incident)},
      el('span', {class: 'date'}, incident.date || 'undated'),
      el('span', {class: 'place'}, placeName(incident)),
      el('span', {class: 'weapon'}, weaponDot(incident.weapon), weaponLabel(incident.weapon)),
      el('span', {class: 'counts'}, counts.join(' · ') || (incident.background ? 'mentioned in passing' : 'no figures')),
      el('span', {class: 'sources'}, `${reports} report${reports === 1 ? '' : 's'}`),
      isNew ? el('span', {class: 'badge small'}, 'new') : null));
}
