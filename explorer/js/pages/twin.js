// One twin (#/twin/<id>): its account, relay and key, the farms it owns, its contracts and
// transactions.
import { batch } from '../rpc.js';
import { h, show, card, kv, table, links, loading, errorBox, timeCell } from '../components.js';
import { contractTable } from './contract.js';
import { txCard } from './account.js';

export default async function twin(ctx) {
  const id = Number(ctx.params[0]);
  show(ctx.view, h('h1', {}, `Twin ${id}`), loading());
  const [t, farms, contracts] = await batch([
    ['twin_get', { id }], ['farm_list', { twin_id: id, size: 1000 }], ['contract_list', { twin_id: id, size: 100 }]]);
  if (!ctx.isCurrent()) return;
  if (t.error) {
    show(ctx.view, h('h1', {}, `Twin ${id}`), errorBox(t.error.notFound ? 'Unknown twin.' : 'The twin could not be loaded.',
      t.error.notFound ? `There is no twin with id ${id} on this chain.` : t.error));
    return;
  }
  const x = t.result;
  show(ctx.view, 
    h('h1', {}, `Twin ${x.id}`),
    card('Twin', kv([
      ['Account', links.account(x.account, true), 'twin-account'],
      ['Relay', x.relay],
      ['Public key', x.pk ? h('span', { class: 'mono wrap' }, x.pk) : null],
      ['Stash', x.stash ? links.account(x.stash, true) : null],
      ['Created', timeCell(x.created_at)],
    ]), { testid: 'twin-card', wide: true }),
    farms.result && farms.result.farms.length ? card('Farms', table([
      { title: 'Farm', cell: (f) => links.farm(f.id) },
      { title: 'Name', cell: (f) => f.name },
      { title: 'Nodes', cell: (f) => String(f.node_count), class: 'num' },
      { title: 'Free IPs', cell: (f) => String(f.free_ips), class: 'num' },
    ], farms.result.farms, { testid: 'twin-farms' }), { wide: true }) : null,
    card('Contracts', contracts.result ? contractTable(contracts.result.contracts, 'twin-contracts')
      : errorBox('The contracts could not be loaded.', contracts.error), { wide: true }),
    txCard({ twin: id }, 'twin-txs'),
  );
}
