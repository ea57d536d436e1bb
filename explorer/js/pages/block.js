// One block (#/block/<height> or #/block/<hash>): its header, its transactions with their
// outcome, the events of its end-of-block work (bills, payouts), and its commit.
import { call, batch } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, table, links, timeCell, loading, errorBox, badge, eventsTable, link } from '../components.js';

function notFoundWords(key) {
  return /^\d+$/.test(key) ? `There is no block at height ${key} on this chain (yet).`
                           : `There is no block with hash ${key} on this chain.`;
}

export default async function block(ctx) {
  const key = ctx.params[0].toLowerCase();
  const title = /^\d+$/.test(key) ? `Block ${fmt.count(key)}` : 'Block';
  show(ctx.view, h('h1', {}, title), loading());
  let b;
  try {
    b = await call('chain_getBlock', /^\d+$/.test(key) ? { height: Number(key) } : { hash: key });
  } catch (e) {
    show(ctx.view, h('h1', {}, title),
      errorBox(e.notFound ? 'Unknown block.' : 'The block could not be loaded.', e.notFound ? notFoundWords(key) : e));
    return;
  }
  const hd = b.header;
  const [results, status] = await batch([['chain_getBlockResults', { height: hd.height }], ['chain_status']]);
  if (!ctx.isCurrent()) return;
  const receipts = results.result ? results.result.receipts : [];
  const tip = status.result ? status.result.height : hd.height;

  const nav = h('nav', { class: 'pager' },
    hd.height > 1 ? link(`#/block/${hd.height - 1}`, '← previous', { testid: 'block-prev' }) : h('span', {}),
    h('span', {}, `height ${fmt.count(hd.height)} of ${fmt.count(tip)}`),
    hd.height < tip ? link(`#/block/${hd.height + 1}`, 'next →', { testid: 'block-next' }) : h('span', {}));

  show(ctx.view, 
    h('h1', {}, `Block ${fmt.count(hd.height)}`),
    nav,
    card('Header', kv([
      ['Height', fmt.count(hd.height), 'block-height'],
      ['Hash', h('span', { class: 'mono wrap' }, hd.hash), 'block-hash'],
      ['Time', timeCell(hd.time), 'block-time'],
      ['Proposer', links.account(hd.proposer, true), 'block-proposer'],
      ['Transactions', String(b.transactions.length), 'block-tx-count'],
      ['Previous', hd.height > 1 ? link(`#/block/${hd.height - 1}`, hd.previous, { class: 'mono wrap' }) : h('span', { class: 'mono wrap' }, hd.previous)],
      ['State root', h('span', { class: 'mono wrap' }, hd.state_root)],
      ['Transactions root', h('span', { class: 'mono wrap' }, hd.transactions_root)],
      ['Validator set', h('span', { class: 'mono wrap' }, hd.validator_set_hash)],
      ['Chain', hd.chain_id],
      ['Commit', b.commit ? `round ${b.commit.round}, ${b.commit.signatures.length} signature${b.commit.signatures.length === 1 ? '' : 's'}`
                          : 'not known yet (it comes with the next block)', 'block-commit'],
    ]), { testid: 'block-header', wide: true }),
    card('Transactions', table([
      { title: '#', cell: (t) => String(t.index), class: 'num' },
      { title: 'Transaction', cell: (t) => links.tx(t.tx.id) },
      { title: 'Call', cell: (t) => h('code', {}, t.tx.call.name) },
      { title: 'Signer', cell: (t) => links.account(t.tx.signer) },
      { title: 'Fee', cell: (t) => fmt.tft(t.tx.fee), class: 'num' },
      { title: 'Result', cell: (t) => (t.receipt ? badge(t.receipt.ok ? 'ok' : 'failed') : '—') },
    ], b.transactions.map((tx, index) => ({ tx, index, receipt: receipts[index] })),
    { testid: 'block-txs', empty: 'No transactions in this block.', rowTestid: (t) => `block-tx-${t.tx.id}` }),
    { testid: 'block-txs-card', wide: true }),
    card('End-of-block events', results.result ? eventsTable(results.result.block_events, 'block-events')
                                               : errorBox('The block results could not be loaded.', results.error),
      { wide: true }),
  );
}
