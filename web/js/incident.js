// The incident page: the summary (low / best / high), each figure as every source gave it,
// the evidence sentences highlighted inside their paragraphs, background mentions and tallies,
// and the revision history. Article text is only ever inserted as text nodes.
'use strict';

const incidentId = new URLSearchParams(location.search).get('id') || '';

function paragraphs(text) {
  // [start, end) offsets of the paragraphs ("\n\n"-separated) of a clean text.
  const out = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n\n', start);
    if (end < 0) end = text.length;
    if (end > start) out.push([start, end]);
    start = end + 2;
  }
  return out;
}

// Byte offsets (UTF-8, as the server counts) to string indexes.
function byteToIndex(text) {
  const encoder = new TextEncoder();
  const map = new Map();
  let bytes = 0;
  for (let i = 0; i < text.length; ++i) {
    map.set(bytes, i);
    const code = text.codePointAt(i);
    const size = encoder.encode(String.fromCodePoint(code)).length;
    if (code > 0xffff) ++i;
    bytes += size;
  }
  map.set(bytes, text.length);
  return (offset) => (map.has(offset) ? map.get(offset) : -1);
}

// The paragraph holding each evidence span, with the sentences wrapped in <mark>.
function highlighted(text, spans) {
  const toIndex = byteToIndex(text);
  const ranges = [];
  for (const span of spans) {
    let start = toIndex(span.start), end = toIndex(span.end);
    if (start < 0 || end < 0 || text.slice(start, end) !== span.text) {
      start = text.indexOf(span.text);  // fall back to the sentence itself
      end = start < 0 ? -1 : start + span.text.length;
    }
    if (start >= 0) ranges.push({start, end, fields: span.fields});
  }
  ranges.sort((a, b) => a.start - b.start);
  const blocks = [];
  for (const [pStart, pEnd] of paragraphs(text)) {
    const inside = ranges.filter((r) => r.start >= pStart && r.end <= pEnd);
    if (!inside.length) continue;
    const p = el('p', {class: 'paragraph'});
    let at = pStart;
    for (const r of inside) {
      if (r.start < at) continue;  // overlapping sentence already marked
      p.append(document.createTextNode(text.slice(at, r.start)));
      p.append(el('mark', {title: r.fields.join(', ')}, text.slice(r.start, r.end)));
      at = r.end;
    }
    p.append(document.createTextNode(text.slice(at, pEnd)));
    blocks.push(p);
  }
  return blocks;
}

function renderSummary(incident) {
  const box = clear(document.getElementById('summary'));
  document.title = `${placeName(incident)} ${incident.date || ''} · sitrep`;
  const actors = [];
  if (incident.suspected && incident.suspected.length) actors.push(`suspected: ${incident.suspected.join(', ')}`);
  if (incident.claimed_by && incident.claimed_by.length) actors.push(`claimed by: ${incident.claimed_by.join(', ')}`);
  if (incident.denied_by && incident.denied_by.length) actors.push(`denied by: ${incident.denied_by.join(', ')}`);
  const place = incident.facility
    ? el('a', {href: facilityLink(incident.facility)}, incident.facility)
    : placeName(incident);
  box.append(
    el('h1', {}, place, el('span', {class: 'muted'}, ` · ${incident.date || 'undated'}${incident.time_local ? ' ' + incident.time_local : ''}`)),
    el('p', {class: 'lead'}, weaponDot(incident.weapon), weaponLabel(incident.weapon),
      incident.weapon_detail ? ` (${incident.weapon_detail})` : '',
      ` · ${[incident.city, incident.country].filter(Boolean).join(', ')}`,
      ` · target ${incident.target_type}`, ` · damage ${incident.damage}`,
      incident.background ? ' · known only from passing mentions' : ''),
    actors.length ? el('p', {}, actors.join(' · ')) : null);
  const rows = FIGURES.filter((f) => incident[f]).map((f) =>
    el('tr', {}, el('th', {}, f), el('td', {}, String(incident[f].low)),
      el('td', {class: 'best'}, String(incident[f].best)), el('td', {}, String(incident[f].high))));
  box.append(rows.length
    ? el('table', {class: 'summary-table'}, el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', {}, 'low'), el('th', {}, 'best'), el('th', {}, 'high'))), el('tbody', {}, rows))
    : el('p', {class: 'muted'}, 'No source gave a figure.'));
}

// The language of a report and the writing direction of its sentences (Arabic, Persian, Hebrew,
// Urdu, Kurdish Sorani run right to left).
const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ckb']);
function languageOf(report) {
  return (report.report && report.report.language) || report.language || 'en';
}
function textAttributes(report) {
  const lang = languageOf(report);
  return {lang, dir: RTL.has(lang) ? 'rtl' : 'ltr'};
}

function renderSources(detail) {
  const box = clear(document.getElementById('sources'));
  const reports = detail.reports;
  box.style.setProperty('--columns', String(Math.max(1, reports.length)));
  for (const report of reports) {
    const claims = detail.claims.filter((c) => c.doc === report.doc);
    const figures = FIGURES.map((field) => {
      const claim = claims.find((c) => c.field === field);
      return el('div', {class: `figure-cell${claim ? '' : ' empty'}`, 'data-field': field},
        el('span', {class: 'figure-name'}, field),
        el('span', {class: 'figure-value'}, claim ? String(claim.value) : '–'),
        claim && (claim.source || (claim.evidence && claim.evidence.source))
          ? el('span', {class: 'figure-source'}, `said by ${claim.source || claim.evidence.source}`)
          : null);
    });
    const title = report.title || report.doc;
    box.append(el('article', {class: 'source-column', 'data-doc': report.doc},
      el('header', {},
        el('div', {class: 'outlet'}, report.outlet || 'unknown outlet',
          languageOf(report) !== 'en' ? el('span', {class: 'language-tag', title: 'language of the report'}, languageOf(report)) : null),
        el('div', {class: 'muted'}, report.published || ''),
        report.url ? el('a', {href: report.url, rel: 'noopener noreferrer', target: '_blank', class: 'title'}, title)
          : el('div', {class: 'title'}, title)),
      figures));
  }
}

function renderEvidence(detail) {
  const box = clear(document.getElementById('evidence'));
  box.style.setProperty('--columns', String(Math.max(1, detail.reports.length)));
  for (const report of detail.reports) {
    const spans = new Map();
    const main = report.report && report.report.main;
    for (const [field, evidence] of Object.entries((main && main.evidence) || {})) {
      const key = `${evidence.start}:${evidence.end}`;
      if (!spans.has(key)) spans.set(key, {...evidence, fields: []});
      spans.get(key).fields.push(field);
    }
    const column = el('article', {class: 'evidence-column', 'data-doc': report.doc, ...textAttributes(report)},
      el('h3', {dir: 'auto'}, report.outlet || report.doc));
    const blocks = report.text ? highlighted(report.text, [...spans.values()]) : [];
    if (blocks.length) column.append(...blocks);
    else column.append(el('p', {class: 'muted'}, 'No sentence of this report was used.'));
    box.append(column);
  }
}

function renderBackground(detail) {
  const list = clear(document.getElementById('background'));
  for (const report of detail.reports) {
    const r = report.report || {};
    for (const b of r.background || [])
      list.append(el('li', {}, el('strong', {}, `${b.date || 'undated'} ${b.facility || b.city || b.country || ''}`),
        ` (${weaponLabel(b.weapon)}), mentioned by ${report.outlet || report.doc}: `,
        el('q', textAttributes(report), (b.evidence && b.evidence.text) || '')));
    for (const t of r.tallies || [])
      list.append(el('li', {}, el('strong', {}, `tally: ${t.qualifier ? t.qualifier + ' ' : ''}${t.count} attacks`),
        ` ${t.period_start || ''}..${t.period_end || ''} ${t.region || ''}, in ${report.outlet || report.doc}: `,
        el('q', textAttributes(report), (t.evidence && t.evidence.text) || '')));
  }
  if (!list.firstChild) list.append(el('li', {class: 'muted'}, 'None.'));
}

function renderRevisions(detail) {
  const list = clear(document.getElementById('revisions'));
  const outlets = new Map(detail.reports.map((r) => [r.doc, r.outlet || r.doc]));
  for (const r of detail.revisions)
    list.append(el('li', {}, el('strong', {}, `rev ${r.revision}`), `: ${r.changes}`,
      r.doc ? ` from ${outlets.get(r.doc) || r.doc}` : '', el('span', {class: 'muted'}, ` (${r.at})`)));
  if (!list.firstChild) list.append(el('li', {class: 'muted'}, `rev ${detail.incident.revision}: first seen ${detail.incident.first_seen}`));
}

async function load() {
  try {
    const detail = await api(`/api/incidents/${encodeURIComponent(incidentId)}`);
    showError(null);
    renderSummary(detail.incident);
    renderSources(detail);
    renderEvidence(detail);
    renderBackground(detail);
    renderRevisions(detail);
  } catch (error) {
    showError(error);
  }
  document.body.dataset.loaded = 'true';
}

listenLive((event) => {
  if (event.id === incidentId) load();
});
load();
