// Validators (#/validators): the staking view (staking_listValidators: every candidate with its
// bonds, commission, delegators, state and share of the active set; the epoch and the staking
// pool) and the consensus set deciding the next height (chain_getValidators). A node without the
// staking methods (-32601, an older node) gets the consensus set only, with a note.
import { batch, call } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, table, links, loading, errorBox, timeCell } from '../components.js';
import { validatorBadge, validatorLink, relative, chainNow, sum, METHOD_NOT_FOUND } from '../governance.js';

const PAGE = 100;      // staking_listValidators' largest page
const MAX_PAGES = 20;  // 2000 candidates: more than any set this page is meant for

// Every candidate, page after page (the list is ordered by address).
async function allCandidates(first) {
  const out = [...first.validators];
  for (let page = 2; out.length < Number(first.total) && page <= MAX_PAGES; page++) {
    const next = await call('staking_listValidators', { page, size: PAGE });
    if (!next.validators.length) break;
    out.push(...next.validators);
  }
  return out;
}

function stat(label, body, testid) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, label),
    h('span', { class: 'stat-value small', testid }, body));
}

function stakingCard(staking, candidates, now) {
  const active = candidates.filter((v) => v.active);
  const activePower = sum(active.map((v) => v.voting_power));
  const next = Number(staking.next_epoch_at);
  return card('Staking', [
    h('div', { class: 'stats' },
      stat('Epoch', fmt.count(staking.epoch), 'staking-epoch'),
      h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, 'Next epoch'),
        h('span', { class: 'stat-value small', testid: 'staking-next-epoch' }, timeCell(next)),
        h('span', { class: 'stat-note' }, relative(next, now))),
      stat('Staking pool', fmt.tft(staking.staking_pool), 'staking-pool'),
      stat('Candidates', fmt.count(staking.total), 'staking-count'),
      stat('Active', fmt.count(active.length), 'staking-active-count'),
      stat('Total bonded', fmt.tft(sum(candidates.map((v) => v.total_bond)).toString()), 'staking-total-bond')),
    table([
      { title: 'Validator', cell: (v) => h('span', { title: v.description || null }, validatorLink(v.address)) },
      { title: 'State', cell: (v) => validatorBadge(v, null, now) },
      { title: 'Share', cell: (v) => (v.active ? `${fmt.percent(v.voting_power, activePower)}%` : '—'), class: 'num' },
      { title: 'Total bond', cell: (v) => fmt.tft(v.total_bond), class: 'num' },
      { title: 'Self bond', cell: (v) => fmt.tft(v.self_bond), class: 'num' },
      { title: 'Commission', cell: (v) => `${v.commission_percent}%`, class: 'num' },
      { title: 'Delegators', cell: (v) => fmt.count(v.delegators), class: 'num' },
    ], candidates, { testid: 'staking-table', rowTestid: (v) => `staking-validator-${v.address}`,
      empty: 'No validator candidates yet: register_validator makes one.' }),
  ], { testid: 'staking-card', wide: true });
}

function consensusCard(set, byKey) {
  const total = set.validators.reduce((n, v) => n + BigInt(v.power), 0n);
  return [
    h('p', { class: 'muted', testid: 'validators-summary' },
      `${set.validators.length} validator${set.validators.length === 1 ? '' : 's'} decide height ${fmt.count(set.height)}, total voting power ${fmt.count(total)}.`),
    card('Consensus set', table([
      { title: '#', cell: (v) => String(v.rank), class: 'num' },
      { title: 'Consensus key', cell: (v) => h('span', { class: 'mono wrap', title: v.key }, v.key) },
      { title: 'Voting power', cell: (v) => fmt.count(v.power), class: 'num' },
      { title: 'Share', cell: (v) => `${fmt.percent(v.power, total)}%`, class: 'num' },
      { title: 'Operator', cell: (v) => links.account(v.operator) },
      byKey ? { title: 'Validator', cell: (v) => (byKey.has(v.key) ? validatorLink(byKey.get(v.key).address) : '—') } : null,
    ].filter(Boolean), set.validators.map((v, i) => ({ ...v, rank: i + 1 })),
    { testid: 'validators-table', rowTestid: (v) => `validator-${v.key}`, empty: 'No validators.' }),
    { testid: 'consensus-card', wide: true }),
  ];
}

export default async function validators(ctx) {
  show(ctx.view, h('h1', {}, 'Validators'), loading());
  let set;
  let staking;
  let status;
  try {
    [set, staking, status] = await batch([['chain_getValidators'], ['staking_listValidators', { page: 1, size: PAGE }], ['chain_status']]);
    if (set.error) throw set.error;
  } catch (e) {
    show(ctx.view, h('h1', {}, 'Validators'), errorBox('The validators could not be loaded.', e));
    return;
  }
  let stakingPart;
  let byKey = null;
  if (staking.error) {
    stakingPart = staking.error.code === METHOD_NOT_FOUND
      ? h('p', { class: 'note', testid: 'staking-unavailable' },
        'This node does not serve the staking methods (an older node): only the consensus set is shown.')
      : errorBox('The staking view could not be loaded.', staking.error);
  } else {
    try {
      const candidates = await allCandidates(staking.result);
      byKey = new Map(candidates.map((v) => [v.consensus_key, v]));
      stakingPart = stakingCard(staking.result, candidates, chainNow(status.result));
    } catch (e) {
      stakingPart = errorBox('The validator candidates could not be loaded.', e);
    }
  }
  if (!ctx.isCurrent()) return;
  show(ctx.view, h('h1', {}, 'Validators'), ...consensusCard(set.result, byKey), stakingPart);
}
