// One transaction (#/tx/<id>): status and place in the chain, the decoded call, the receipt
// (outcome, fee paid) and the events it caused.
import { call } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, links, link, loading, errorBox, badge, eventsTable, value } from '../components.js';
import { actionSummary, actionTable, validatorLink } from '../governance.js';

// Fields of the staking (0x50-0x56), price (0x60) and governance (0x70-0x74) calls, in words.
const CALL_FIELDS = {
  validator: (v) => h('span', { class: 'ids' }, validatorLink(v, true), h('span', { class: 'muted' }, '(validator)')),
  motion_id: (v) => link(`#/motion/${v}`, `motion ${v}`),
  proposal_id: (v) => link(`#/proposal/${v}`, `proposal ${v}`),
  farm_id: (v) => links.farm(v),
  node_id: (v) => links.node(v),
  approve: (v) => (v ? 'yes (approve)' : 'no (reject)'),
  percent: (v) => `${v}%`,
  commission_percent: (v) => `${v}%`,
  musd_per_tft: (v) => `${v} mUSD (${(Number(v) / 1000).toFixed(3)} USD per TFT)`,
  consensus_key: (v) => h('span', { class: 'mono wrap' }, v),
  evidence: (v) => h('span', { class: 'mono wrap small' }, v),
  action: (v) => h('div', { class: 'nested' }, h('strong', {}, actionSummary(v)), actionTable(v, 'call-action-fields')),
};
const READABLE = new Set(['register_validator', 'bond', 'unbond', 'withdraw_unbonded', 'set_commission', 'unjail',
  'submit_evidence', 'submit_price', 'propose_motion', 'vote_motion', 'create_proposal', 'vote_proposal', 'veto_proposal']);

function callFields(c) {
  const rows = Object.entries(c).filter(([k]) => k !== 'name' && k !== 'tag').map(([k, v]) => [
    k.replace(/_/g, ' '),
    k === 'amount' && /^\d+$/.test(String(v)) ? `${fmt.tft(v)}`
      : READABLE.has(c.name) && CALL_FIELDS[k] && v !== null && v !== undefined ? CALL_FIELDS[k](v) : value(v),
    `call-${k}`,
  ]);
  return rows.length ? rows : [['Fields', h('span', { class: 'muted' }, 'none: the call is its name')]];
}

// The proposal or motion a governance transaction created, from its receipt's events.
function createdRecord(receipt) {
  if (!receipt || !receipt.ok) return null;
  for (const e of receipt.events || []) {
    const a = e.attributes || {};
    if (e.kind === 'proposal_created' && a.proposal) return ['Created', link(`#/proposal/${a.proposal}`, `proposal ${a.proposal}`), 'call-created'];
    if (e.kind === 'motion_proposed' && a.motion) return ['Created', link(`#/motion/${a.motion}`, `motion ${a.motion}`), 'call-created'];
  }
  return null;
}

export default async function tx(ctx) {
  const id = ctx.params[0].toLowerCase();
  show(ctx.view, h('h1', {}, 'Transaction'), loading());
  if (!/^[0-9a-f]{64}$/.test(id)) {
    show(ctx.view, h('h1', {}, 'Transaction'), errorBox('Not a transaction id.',
      `"${ctx.params[0]}" is not a transaction id: an id is 64 hexadecimal characters.`));
    return;
  }
  let t;
  try {
    t = await call('tx_get', { id });
  } catch (e) {
    show(ctx.view, h('h1', {}, 'Transaction'), errorBox('The transaction could not be loaded.', e));
    return;
  }
  if (!ctx.isCurrent()) return;
  if (t.status === 'unknown') {
    show(ctx.view, h('h1', {}, 'Transaction'), errorBox('Unknown transaction.',
      `No transaction with id ${id} is known to this node: never seen, dropped from the mempool, or refused.`));
    return;
  }
  const x = t.tx;
  const r = t.receipt;
  show(ctx.view, 
    h('h1', {}, 'Transaction ', h('small', { class: 'mono muted' }, fmt.short(id))),
    card('Summary', kv([
      ['Id', h('span', { class: 'mono wrap' }, id), 'tx-id'],
      ['Status', badge(t.status, 'tx-status')],
      ['Result', r ? badge(r.ok ? 'ok' : 'failed', 'tx-ok') : 'not executed yet'],
      r && !r.ok ? ['Refused because', h('span', {}, h('code', {}, r.reason), r.detail ? ` — ${r.detail}` : ''), 'tx-reason'] : null,
      ['Block', t.height !== null ? links.block(t.height) : 'pending', 'tx-height'],
      ['Index in block', t.index !== null ? String(t.index) : '—'],
      ['Signer', links.account(x.signer, true), 'tx-signer'],
      ['Nonce', fmt.count(x.nonce), 'tx-nonce'],
      ['Fee offered', fmt.tft(x.fee), 'tx-fee'],
      ['Fee paid', r ? fmt.tft(r.fee) : '—', 'tx-fee-paid'],
      ['Chain', x.chain_id],
    ]), { testid: 'tx-summary', wide: true }),
    card(h('span', {}, 'Call ', h('code', { testid: 'tx-call-name' }, x.call.name), h('small', { class: 'muted' }, ` tag ${x.call.tag}`)),
      kv([...callFields(x.call), createdRecord(r)], { testid: 'tx-call' }), { testid: 'tx-call-card', wide: true }),
    card('Events', r ? eventsTable(r.events, 'tx-events') : h('p', { class: 'empty' }, 'No receipt yet.'),
      { testid: 'tx-events-card', wide: true }),
    card('Raw', kv([
      ['Signature', h('span', { class: 'mono wrap' }, x.signature)],
      ['Encoded', h('span', { class: 'mono wrap small' }, x.raw)],
    ]), { wide: true }),
  );
}
