// Governance (#/proposals?state=open&kind=motion&page=2): farm-weighted proposals and council
// motions of gov_listProposals, newest first, filtered by state and kind. Each row: id, kind,
// the action in words, state, yes/no bar, end time.
import { batch } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, table, loading, errorBox, pager, timeCell, link } from '../components.js';
import { GOV_STATES, stateBadge, actionSummary, recordBar, recordLink, relative, chainNow, METHOD_NOT_FOUND } from '../governance.js';

const SIZE = 25;
const KINDS = [['', 'Both'], ['proposal', 'Proposals (farms)'], ['motion', 'Motions (council)']];

function route({ state, kind, page }) {
  const q = new URLSearchParams();
  if (state) q.set('state', state);
  if (kind) q.set('kind', kind);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return `#/proposals${text ? `?${text}` : ''}`;
}

function tabs(items, current, make, testid) {
  return h('nav', { class: 'tabs', testid },
    items.map(([key, label]) => link(make(key), label, { class: key === current ? 'tab current' : 'tab', 'aria-current': key === current ? 'page' : null,
      testid: `${testid}-${key || 'all'}` })));
}

function totalWords(total, state, kind) {
  const what = kind ? `${kind}${total === 1 ? '' : 's'}` : 'proposals and motions';
  return `${fmt.count(total)} ${what}${state ? ` in state "${state}"` : ''}, newest first`;
}

export function recordsTable(records, now, testid) {
  return table([
    { title: 'Id', cell: (p) => recordLink(p, `#${p.id}`) },
    { title: 'State', cell: (p) => stateBadge(p.state) },
    { title: 'Kind', cell: (p) => p.kind },
    { title: 'Action', cell: (p) => h('span', { title: p.description || '' }, actionSummary(p.action)), class: 'cell-wrap' },
    { title: 'Votes', cell: (p) => recordBar(p) },
    { title: 'Ends', cell: (p) => h('span', {}, timeCell(Number(p.end), null, { short: true }),
      p.state === 'open' ? h('span', { class: 'muted' }, ` ${relative(p.end, now)}`) : null) },
  ], records, { testid, rowTestid: (p) => `gov-row-${p.kind}-${p.id}`, empty: 'No proposals or motions here.' });
}

export default async function proposals(ctx) {
  const query = new URLSearchParams(ctx.params[0] || '');
  const state = GOV_STATES.includes(query.get('state')) ? query.get('state') : '';
  const kind = ['proposal', 'motion'].includes(query.get('kind')) ? query.get('kind') : '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  show(ctx.view, h('h1', {}, 'Governance'), loading());
  const params = { page, size: SIZE };
  if (state) params.state = state;
  if (kind) params.kind = kind;
  let list;
  let status;
  try {
    [list, status] = await batch([['gov_listProposals', params], ['chain_status']]);
  } catch (e) {
    show(ctx.view, h('h1', {}, 'Governance'), errorBox('The proposals could not be loaded.', e));
    return;
  }
  if (!ctx.isCurrent()) return;
  if (list.error) {
    show(ctx.view, h('h1', {}, 'Governance'), list.error.code === METHOD_NOT_FOUND
      ? errorBox('Governance is not served by this node.', 'This node does not serve the governance methods (an older node).')
      : errorBox('The proposals could not be loaded.', list.error));
    return;
  }
  const found = list.result;
  const total = Number(found.total);
  const filters = h('div', { class: 'filters' },
    tabs([['', 'All'], ...GOV_STATES.map((s) => [s, s])], state, (s) => route({ state: s, kind }), 'gov-state'),
    tabs(KINDS, kind, (k) => route({ state, kind: k }), 'gov-kind'));
  show(ctx.view,
    h('h1', {}, 'Governance'),
    h('p', { class: 'muted' }, 'Proposals are decided by farm votes weighted by capacity (the council can veto); motions by the council.'),
    card(null, [
      filters,
      h('p', { class: 'muted', testid: 'gov-total' }, totalWords(total, state, kind)),
      recordsTable(found.proposals, chainNow(status.result), 'gov-table'),
      pager(page, SIZE, total, (n) => { window.location.hash = route({ state, kind, page: n }).slice(1); }, 'gov-pager'),
    ], { testid: 'gov-card', wide: true }));
}
