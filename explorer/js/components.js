// Small DOM building blocks shared by the pages. Everything is built with createElement and
// textContent (never innerHTML with data), so values from the chain cannot inject markup.
import * as fmt from './format.js';

// h('a', {href, class, testid, title}, children...): children are strings, nodes, arrays or null.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElementNS(
    tag === 'svg' || attrs.svg ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml', tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false || key === 'svg') continue;
    if (key === 'testid') node.setAttribute('data-testid', value);
    else if (key === 'onclick' || key === 'onsubmit' || key === 'oninput') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

// SVG element helper (chart).
export function s(tag, attrs = {}, ...children) {
  return h(tag, { ...attrs, svg: true }, ...children);
}

// Replaces the content of a view with the given nodes (null ones skipped).
export function show(view, ...children) {
  view.replaceChildren();
  append(view, children);
}

export function card(title, body, { testid, wide = false, actions = null } = {}) {
  return h('section', { class: wide ? 'card wide' : 'card', testid },
    title ? h('header', { class: 'card-head' }, h('h2', {}, title), actions) : null,
    h('div', { class: 'card-body' }, body));
}

// A definition table of [label, value, testid?] rows; null rows are skipped.
export function kv(rows, { testid } = {}) {
  return h('dl', { class: 'kv', testid },
    rows.filter(Boolean).map(([label, value, id]) => [
      h('dt', {}, label),
      h('dd', { testid: id }, value === null || value === undefined || value === '' ? '—' : value),
    ]));
}

// A table that scrolls sideways on narrow screens. columns: [{title, cell(row), class?}].
export function table(columns, rows, { testid, empty = 'Nothing here yet.', rowTestid } = {}) {
  if (!rows.length) return h('p', { class: 'empty', testid: testid ? `${testid}-empty` : null }, empty);
  return h('div', { class: 'table-wrap' },
    h('table', { testid },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.class }, c.title)))),
      h('tbody', {}, rows.map((row) => tableRow(columns, row, rowTestid)))));
}

export function tableRow(columns, row, rowTestid) {
  return h('tr', { testid: rowTestid ? rowTestid(row) : null },
    columns.map((c) => h('td', { class: c.class, 'data-label': c.title }, c.cell(row))));
}

export function link(href, text, attrs = {}) {
  return h('a', { href, ...attrs }, text);
}

export const links = {
  block: (height) => link(`#/block/${height}`, fmt.count(height), { class: 'mono' }),
  blockHash: (hash) => link(`#/block/${hash}`, fmt.short(hash), { class: 'mono', title: hash }),
  tx: (id, full = false) => link(`#/tx/${id}`, full ? id : fmt.short(id), { class: 'mono', title: id }),
  account: (address, full = false) => address
    ? link(`#/account/${address}`, full ? address : fmt.short(address, 10), { class: 'mono', title: address })
    : '—',
  twin: (id) => (id === null || id === undefined ? '—' : link(`#/twin/${id}`, `twin ${id}`)),
  farm: (id) => (id === null || id === undefined ? '—' : link(`#/farm/${id}`, `farm ${id}`)),
  node: (id) => (id === null || id === undefined ? '—' : link(`#/node/${id}`, `node ${id}`)),
  contract: (id) => (id === null || id === undefined ? '—' : link(`#/contract/${id}`, `contract ${id}`)),
};

// A coloured word for a state: up / down / standby, ok / failed, created / grace_period / deleted.
export function badge(word, testid) {
  const tone = {
    up: 'good', ok: 'good', created: 'good', committed: 'good', live: 'good',
    down: 'bad', failed: 'bad', deleted: 'muted', unknown: 'muted',
    standby: 'warn', grace_period: 'warn', pending: 'warn',
  }[word] || 'muted';
  return h('span', { class: `badge ${tone}`, testid }, word.replace(/_/g, ' '));
}

// A capacity bar: reserved part of total, with the three numbers written out.
export function capacityBar(label, kind, total, reserved, testid) {
  const free = BigInt(total) > BigInt(reserved) ? BigInt(total) - BigInt(reserved) : 0n;
  const pct = fmt.percent(reserved, total);
  return h('div', { class: 'capacity', testid },
    h('div', { class: 'capacity-head' },
      h('strong', {}, label),
      h('span', {}, `${pct}% reserved`)),
    h('div', { class: 'bar', role: 'img', 'aria-label': `${label}: ${pct}% reserved` },
      h('div', { class: 'bar-fill', style: `width: ${Math.min(100, pct)}%` })),
    h('div', { class: 'capacity-numbers' },
      h('span', {}, 'total ', h('b', { testid: testid && `${testid}-total` }, fmt.resource(kind, total))),
      h('span', {}, 'reserved ', h('b', { testid: testid && `${testid}-reserved` }, fmt.resource(kind, reserved))),
      h('span', {}, 'free ', h('b', { testid: testid && `${testid}-free` }, fmt.resource(kind, free.toString())))));
}

// A time in the viewer's zone; short: the time of day only, the full date in the title.
export function timeCell(unix, testid, { short = false } = {}) {
  if (unix === null || unix === undefined) return '—';
  return h('time', { datetime: new Date(unix * 1000).toISOString(), 'data-unix': unix, testid,
                     title: short ? fmt.time(unix) : `unix ${unix}` }, short ? fmt.clock(unix) : fmt.time(unix));
}

export function loading(what = 'Loading') {
  return h('p', { class: 'loading', testid: 'loading' }, `${what}…`);
}

// An error in words, never a blank page.
export function errorBox(title, error) {
  const message = error instanceof Error ? error.message : String(error);
  return h('div', { class: 'error', role: 'alert', testid: 'error' },
    h('strong', {}, title), h('p', { testid: 'error-message' }, message));
}

// Previous / next page links for paged lists: onPage(n) re-renders.
export function pager(page, size, total, onPage, testid) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  return h('nav', { class: 'pager', testid },
    h('button', { type: 'button', disabled: page <= 1, onclick: () => onPage(page - 1) }, '← newer'),
    h('span', {}, `page ${page} of ${pages}`),
    h('button', { type: 'button', disabled: page >= pages, onclick: () => onPage(page + 1) }, 'older →'));
}

// JSON-ish value of a decoded call field, for people.
export function value(v) {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, 'none');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string' && /^tf1[02-9ac-hj-np-z]{20,}$/.test(v)) return links.account(v, true);
  if (typeof v === 'object' && ['cru', 'mru', 'sru', 'hru'].every((k) => typeof v[k] === 'string')) {
    return `${fmt.resource('cru', v.cru)}, ${fmt.bytes(v.mru)} memory, ${fmt.bytes(v.sru)} SSD, ${fmt.bytes(v.hru)} HDD`;
  }
  if (typeof v === 'object') return h('pre', { class: 'json' }, JSON.stringify(v, null, 2));
  return h('span', { class: typeof v === 'string' && /^[0-9a-f]{32,}$/.test(v) ? 'mono wrap' : null }, String(v));
}

// Event attributes that are TFT base units.
const TFT_ATTRIBUTES = new Set(['amount', 'paid', 'debt', 'fee']);

// Events of a receipt or of a block's end: kind, the ids it concerns, its attributes.
export function eventsTable(events, testid) {
  return table([
    { title: 'Event', cell: (e) => h('code', {}, e.kind) },
    { title: 'Concerns', cell: (e) => h('span', { class: 'ids' },
      e.account ? links.account(e.account) : null,
      e.twin !== null ? links.twin(e.twin) : null,
      e.farm !== null ? links.farm(e.farm) : null,
      e.node !== null ? links.node(e.node) : null,
      e.contract !== null ? links.contract(e.contract) : null) },
    { title: 'Attributes', cell: (e) => h('ul', { class: 'attrs' },
      Object.entries(e.attributes || {}).map(([k, v]) => h('li', {}, h('span', { class: 'muted' }, `${k}: `),
        TFT_ATTRIBUTES.has(k) && /^\d+$/.test(v) ? `${fmt.tft(v)}` : v))) },
  ], events, { testid, empty: 'No events.' });
}
