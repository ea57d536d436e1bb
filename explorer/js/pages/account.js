// One account (#/account/<address>): balances in TFT, nonce, its twin, its staking (delegations,
// unbonding entries, pending rewards; hidden when it has none), its transactions (paged).
import { call, batch } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, table, links, loading, errorBox, badge, pager, timeCell } from '../components.js';
import { validatorLink, relative, chainNow, big, METHOD_NOT_FOUND } from '../governance.js';

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

function hasStaking(d) {
  return big(d.bonded) > 0n || big(d.unbonding) > 0n || big(d.pending_rewards) > 0n ||
    (d.delegations || []).length > 0 || (d.unbonding_entries || []).length > 0;
}

// The Staking card of staking_getDelegations; null when the account stakes nothing (or the
// node does not serve the method).
function stakingCard(answer, now) {
  if (answer.error) {
    if (answer.error.code === METHOD_NOT_FOUND) return null;
    return card('Staking', errorBox('The staking of this account could not be loaded.', answer.error), { testid: 'account-staking', wide: true });
  }
  const d = answer.result;
  if (!hasStaking(d)) return null;
  const entries = d.unbonding_entries || [];
  return card('Staking', [
    kv([
      ['Bonded', fmt.tft(d.bonded), 'staking-bonded'],
      ['Unbonding', fmt.tft(d.unbonding), 'staking-unbonding'],
      ['Pending rewards', fmt.tft(d.pending_rewards), 'staking-rewards'],
    ]),
    h('h3', {}, 'Delegations'),
    table([
      { title: 'Validator', cell: (x) => validatorLink(x.validator) },
      { title: 'Amount', cell: (x) => fmt.tft(x.amount), class: 'num' },
      { title: 'Pending rewards', cell: (x) => fmt.tft(x.pending_rewards), class: 'num' },
    ], d.delegations || [], { testid: 'staking-delegations', empty: 'No bonded delegations.',
      rowTestid: (x) => `delegation-${x.validator}` }),
    entries.length ? [
      h('h3', {}, 'Unbonding'),
      table([
        { title: 'Validator', cell: (x) => validatorLink(x.validator) },
        { title: 'Amount', cell: (x) => fmt.tft(x.amount), class: 'num' },
        { title: 'Released', cell: (x) => timeCell(Number(x.release_at)) },
        { title: 'When', cell: (x) => relative(x.release_at, now) },
      ], entries, { testid: 'staking-unbonding-entries' }),
    ] : null,
  ], { testid: 'account-staking', wide: true });
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
  const [staking, status, t] = await batch([['staking_getDelegations', { address: a.address }], ['chain_status'],
    ...(a.twin_id !== null ? [['twin_get', { id: a.twin_id }]] : [])]);
  if (t) twin = t.result || null;
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
    stakingCard(staking, chainNow(status.result)),
    txCard({ account: address }, 'account-txs'),
  );
}
