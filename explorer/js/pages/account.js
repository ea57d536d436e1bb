// One account (#/account/<address>): balances in TFT, nonce, its twin, its transactions (paged).
import { call, batch } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, table, links, loading, errorBox, badge, pager, timeCell } from '../components.js';

const SIZE = 20;

// The transactions table of tx_search results, shared by the account and twin pages.
export function txTable(txs, testid) {
  return table([
    { title: 'Transaction', cell: (t) => links.tx(t.id) },
    { title: 'Block', cell: (t) => links.block(t.height) },
    { title: 'Call', cell: (t) => h('code', {}, t.tx.call.name) },
    { title: 'Signer', cell: (t) => links.account(t.tx.signer) },
    { title: 'Fee', cell: (t) => fmt.tft(t.tx.fee), class: 'num' },
    { title: 'Result', cell: (t) => (t.receipt ? badge(t.receipt.ok ? 'ok' : 'failed') : '—') },
  ], txs, { testid, empty: 'No transactions.', rowTestid: (t) => `tx-row-${t.id}` });
}

// A card with the paged transactions of one tx_search filter.
export function txCard(filter, testid) {
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading transactions…'));
  async function showPage(page) {
    try {
      const found = await call('tx_search', { ...filter, page, size: SIZE });
      show(body, 
        h('p', { class: 'muted' }, `${fmt.count(found.total)} transaction${found.total === 1 ? '' : 's'}, newest first`),
        txTable(found.txs, testid), pager(page, SIZE, found.total, showPage, `${testid}-pager`));
    } catch (e) {
      show(body, errorBox('The transactions could not be loaded.', e));
    }
  }
  showPage(1);
  return card('Transactions', body, { wide: true, testid: `${testid}-card` });
}

export default async function account(ctx) {
  const address = ctx.params[0].trim().toLowerCase();
  show(ctx.view, h('h1', {}, 'Account'), loading());
  let a;
  try {
    a = await call('account_get', { address });
  } catch (e) {
    show(ctx.view, h('h1', {}, 'Account'), errorBox('Not an account.', e.code === -32602
      ? `"${address}" is not a valid account address (a tf1… bech32m address with a correct checksum).` : e));
    return;
  }
  let twin = null;
  if (a.twin_id !== null) {
    const [t] = await batch([['twin_get', { id: a.twin_id }]]);
    twin = t.result || null;
  }
  if (!ctx.isCurrent()) return;
  const total = BigInt(a.free) + BigInt(a.reserved) + BigInt(a.bonded) + BigInt(a.unbonding);
  show(ctx.view, 
    h('h1', {}, 'Account'),
    h('p', { class: 'mono wrap', testid: 'account-address' }, a.address),
    h('div', { class: 'columns' },
      card('Balances', kv([
        ['Free', fmt.tft(a.free), 'account-free'],
        ['Reserved', fmt.tft(a.reserved), 'account-reserved'],
        ['Bonded', fmt.tft(a.bonded), 'account-bonded'],
        ['Unbonding', fmt.tft(a.unbonding), 'account-unbonding'],
        ['Total', h('strong', {}, fmt.tft(total.toString())), 'account-total'],
        ['Nonce', fmt.count(a.nonce), 'account-nonce'],
      ]), { testid: 'account-balances' }),
      card('Twin', twin ? kv([
        ['Twin', links.twin(twin.id), 'account-twin'],
        ['Relay', twin.relay],
        ['Public key', twin.pk ? h('span', { class: 'mono wrap' }, twin.pk) : null],
        ['Stash', twin.stash ? links.account(twin.stash) : null],
        ['Created', timeCell(twin.created_at)],
      ]) : h('p', { class: 'empty', testid: 'account-no-twin' }, 'This account has no twin.'), { testid: 'account-twin-card' })),
    txCard({ account: address }, 'account-txs'),
  );
}
