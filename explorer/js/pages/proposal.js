// One proposal (#/proposal/<id>) or council motion (#/motion/<id>) of gov_getProposal: every
// field, the action's parameters as a table, the yes/no bar with its threshold, the farm votes
// (proposals), the vetoes (proposals) or the council's yes and no voters (motions).
import { call } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, table, links, loading, errorBox, timeCell } from '../components.js';
import { stateBadge, actionSummary, actionTable, voteBar, getRecord, big, relative, chainNow, METHOD_NOT_FOUND } from '../governance.js';

function failure(kind, id, e) {
  if (e.code === METHOD_NOT_FOUND) {
    return errorBox('Governance is not served by this node.', 'This node does not serve the governance methods (an older node).');
  }
  if (e.notFound) return errorBox(`Unknown ${kind}.`, `There is no ${kind} with id ${id} on this chain.`);
  return errorBox(`The ${kind} could not be loaded.`, e);
}

// A link given by the proposer: only http(s) addresses become links.
function outsideLink(text) {
  if (!text) return null;
  return /^https?:\/\//i.test(text) ? h('a', { href: text, rel: 'noopener noreferrer nofollow', class: 'wrap' }, text)
                                    : h('span', { class: 'wrap' }, text);
}

function accountList(accounts, testid, empty) {
  if (!accounts || !accounts.length) return h('p', { class: 'empty', testid: `${testid}-empty` }, empty);
  return h('ul', { class: 'accounts', testid }, accounts.map((a) => h('li', {}, links.account(a, true))));
}

function proposalCards(p) {
  const voted = Number(p.farms_voted ?? 0);
  const needed = Number(p.farms_needed ?? 0);
  const yesFarms = p.yes_farms ?? (p.votes || []).filter((v) => v.approve).length;
  const noFarms = p.no_farms ?? (p.votes || []).filter((v) => !v.approve).length;
  return [
    card('Votes', [
      h('h3', {}, 'Farm weight'),
      voteBar(p.yes_weight, p.no_weight, { testid: 'proposal-weight' }),
      h('h3', {}, 'Farms'),
      voteBar(yesFarms, noFarms, { of: Math.max(voted, needed, 1), need: needed, label: 'farms', testid: 'proposal-farms' }),
      h('p', { class: 'muted', testid: 'proposal-farms-text' },
        `${fmt.count(voted)} farm${voted === 1 ? '' : 's'} voted; at least ${fmt.count(needed)} must vote for the proposal to count.`),
      table([
        { title: 'Farm', cell: (v) => links.farm(v.farm_id) },
        { title: 'Vote', cell: (v) => stateBadge(v.approve ? 'passed' : 'rejected', null, v.approve ? 'yes' : 'no') },
        { title: 'Weight', cell: (v) => fmt.count(v.weight), class: 'num' },
        v0(p) && 'voter' in v0(p) ? { title: 'Voter', cell: (v) => links.account(v.voter) } : null,
        v0(p) && 'at' in v0(p) ? { title: 'At', cell: (v) => timeCell(Number(v.at), null, { short: true }) } : null,
      ].filter(Boolean), p.votes || [], { testid: 'proposal-votes', rowTestid: (v) => `vote-farm-${v.farm_id}`, empty: 'No farm has voted yet.' }),
    ], { testid: 'proposal-votes-card', wide: true }),
    card(`Council vetoes (${(p.vetoes || []).length})`, accountList(p.vetoes, 'proposal-vetoes', 'No council member has vetoed it.'),
      { testid: 'proposal-vetoes-card', wide: true }),
  ];
}

function v0(p) {
  return (p.votes || [])[0];
}

function motionCards(m) {
  const yes = m.yes || [];
  const no = m.no || [];
  return [
    card('Council votes', [
      voteBar(yes.length, no.length, { of: Math.max(Number(m.council_size) || 0, yes.length + no.length, 1), need: m.threshold ?? null,
        label: 'council votes', testid: 'motion-votes' }),
      h('p', { class: 'muted', testid: 'motion-threshold' },
        `${yes.length} yes, ${no.length} no of ${m.council_size} council member${Number(m.council_size) === 1 ? '' : 's'}; ${m.threshold} yes vote${Number(m.threshold) === 1 ? '' : 's'} pass it.`),
      h('div', { class: 'columns' },
        h('div', {}, h('h3', {}, `Yes (${yes.length})`), accountList(yes, 'motion-yes', 'Nobody yet.')),
        h('div', {}, h('h3', {}, `No (${no.length})`), accountList(no, 'motion-no', 'Nobody yet.'))),
    ], { testid: 'motion-votes-card', wide: true }),
  ];
}

export default async function proposal(ctx, kind) {
  const id = ctx.params[0];
  const title = `${kind === 'motion' ? 'Motion' : 'Proposal'} ${id}`;
  show(ctx.view, h('h1', {}, title), loading());
  let p;
  try {
    p = await getRecord(id, kind);
  } catch (e) {
    if (ctx.isCurrent()) show(ctx.view, h('h1', {}, title), failure(kind, id, e));
    return;
  }
  const status = await call('chain_status').catch(() => null);
  if (!ctx.isCurrent()) return;
  const now = chainNow(status);
  const closed = Number(p.closed_at || 0);
  show(ctx.view,
    h('h1', {}, `${title} `, stateBadge(p.state, 'proposal-state')),
    h('p', { class: 'lead', testid: 'proposal-summary' }, actionSummary(p.action)),
    card(kind === 'motion' ? 'Council motion' : 'Proposal to the farms', kv([
      ['Id', String(p.id), 'proposal-id'],
      ['Kind', p.kind, 'proposal-kind'],
      ['State', p.state, 'proposal-state-text'],
      p.failure ? ['Failed because', p.failure, 'proposal-failure'] : null,
      ['Proposer', links.account(p.proposer, true), 'proposal-proposer'],
      ['Description', p.description ? h('span', { class: 'prose' }, p.description) : null, 'proposal-description'],
      'link' in p ? ['Link', outsideLink(p.link), 'proposal-link'] : null,
      ['Created', timeCell(Number(p.created_at)), 'proposal-created'],
      ['Voting ends', h('span', {}, timeCell(Number(p.end)),
        p.state === 'open' ? h('span', { class: 'muted' }, ` (${relative(p.end, now)})`) : null), 'proposal-end'],
      closed ? ['Closed', timeCell(closed), 'proposal-closed'] : null,
      kind !== 'motion' ? ['Yes weight', fmt.count(big(p.yes_weight)), 'proposal-yes-weight'] : null,
      kind !== 'motion' ? ['No weight', fmt.count(big(p.no_weight)), 'proposal-no-weight'] : null,
    ]), { testid: 'proposal-card', wide: true }),
    card('Action', actionTable(p.action, 'action'), { testid: 'proposal-action', wide: true }),
    ...(kind === 'motion' ? motionCards(p) : proposalCards(p)),
  );
}
