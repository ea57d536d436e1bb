// One transaction (#/tx/<id>): status and place in the chain, the decoded call, the receipt
// (outcome, fee paid) and the events it caused.
import { call } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, links, loading, errorBox, badge, eventsTable, value } from '../components.js';

function callFields(c) {
  return Object.entries(c).filter(([k]) => k !== 'name' && k !== 'tag').map(([k, v]) => [
    k.replace(/_/g, ' '),
    k === 'amount' && typeof v === 'string' && /^\d+$/.test(v) ? `${fmt.tft(v)}` : value(v),
    `call-${k}`,
  ]);
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
      kv(callFields(x.call), { testid: 'tx-call' }), { testid: 'tx-call-card', wide: true }),
    card('Events', r ? eventsTable(r.events, 'tx-events') : h('p', { class: 'empty' }, 'No receipt yet.'),
      { testid: 'tx-events-card', wide: true }),
    card('Raw', kv([
      ['Signature', h('span', { class: 'mono wrap' }, x.signature)],
      ['Encoded', h('span', { class: 'mono wrap small' }, x.raw)],
    ]), { wide: true }),
  );
}
