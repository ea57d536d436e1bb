// One contract (#/contract/<id>): state, reservation, debt, and its bills with a chart of the
// amounts over time.
import { batch } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, table, links, loading, errorBox, badge, timeCell, value } from '../components.js';
import { lineChart } from '../chart.js';

const BILLS = 100;

// The contracts table shared by the node, twin and account pages.
export function contractTable(contracts, testid) {
  return table([
    { title: 'Contract', cell: (c) => links.contract(c.id) },
    { title: 'Kind', cell: (c) => c.kind },
    { title: 'State', cell: (c) => badge(c.state) },
    { title: 'Twin', cell: (c) => links.twin(c.twin_id) },
    { title: 'Node', cell: (c) => links.node(c.node_id) },
    { title: 'Paid', cell: (c) => fmt.tft(c.total_paid), class: 'num' },
    { title: 'Debt', cell: (c) => fmt.tft(c.debt), class: 'num' },
  ], contracts, { testid, empty: 'No contracts.', rowTestid: (c) => `contract-row-${c.id}` });
}

function resourcesKv(r, prefix) {
  return [
    ['CPU', fmt.resource('cru', r.cru), `${prefix}-cru`],
    ['Memory', fmt.resource('mru', r.mru), `${prefix}-mru`],
    ['SSD', fmt.resource('sru', r.sru), `${prefix}-sru`],
    ['HDD', fmt.resource('hru', r.hru), `${prefix}-hru`],
  ];
}

function billsSection(bills) {
  if (!bills) return null;
  const points = [...bills.bills].reverse().map((b) => ({ x: b.period_end, y: fmt.tftNumber(b.amount), label: fmt.tft(b.amount) }));
  return card(`Bills (${fmt.count(bills.total)})`, [
    lineChart(points, { testid: 'bills-chart', yLabel: 'TFT per bill' }),
    table([
      { title: '#', cell: (b) => b.seq, class: 'num' },
      { title: 'Period end', cell: (b) => timeCell(b.period_end) },
      { title: 'Seconds', cell: (b) => fmt.count(b.billed_seconds), class: 'num' },
      { title: 'Amount', cell: (b) => fmt.tft(b.amount), class: 'num' },
      { title: 'Paid', cell: (b) => fmt.tft(b.paid), class: 'num' },
      { title: 'Debt after', cell: (b) => fmt.tft(b.debt_after), class: 'num' },
      { title: 'USD', cell: (b) => (Number(b.usd_cost) / 1e7).toFixed(7), class: 'num' },
      { title: 'Discount', cell: (b) => b.discount },
    ], bills.bills, { testid: 'bills-table', empty: 'Not billed yet.', rowTestid: (b) => `bill-row-${b.seq}` }),
  ], { testid: 'bills-card', wide: true });
}

export default async function contract(ctx) {
  const id = ctx.params[0];
  show(ctx.view, h('h1', {}, `Contract ${id}`), loading());
  const [c, bills] = await batch([['contract_get', { id }], ['contract_getBills', { id, size: BILLS }]]);
  if (!ctx.isCurrent()) return;
  if (c.error) {
    show(ctx.view, h('h1', {}, `Contract ${id}`), errorBox(c.error.notFound ? 'Unknown contract.' : 'The contract could not be loaded.',
      c.error.notFound ? `There is no contract with id ${id} on this chain.` : c.error));
    return;
  }
  const k = c.result;
  const res = k.reservation;
  show(ctx.view, 
    h('h1', {}, `Contract ${k.id} `, badge(k.state, 'contract-state')),
    h('div', { class: 'columns' },
      card('Contract', kv([
        ['Kind', k.kind, 'contract-kind'],
        ['State', k.state.replace(/_/g, ' '), 'contract-state-text'],
        ['Paid by', links.twin(k.twin_id), 'contract-twin'],
        k.node_id !== null ? ['Node', links.node(k.node_id), 'contract-node'] : null,
        k.name !== null ? ['Name', k.name, 'contract-name'] : null,
        k.rent_node_id !== null ? ['Rents', links.node(k.rent_node_id)] : null,
        ['Created', timeCell(k.created_at), 'contract-created'],
        k.deleted_at !== null ? ['Deleted', timeCell(k.deleted_at)] : null,
        k.delete_reason !== 'none' ? ['Delete reason', k.delete_reason.replace(/_/g, ' ')] : null,
        k.grace_since !== null ? ['In grace since', timeCell(k.grace_since), 'contract-grace'] : null,
        ['Solution provider', k.solution_provider_id],
      ]), { testid: 'contract-card' }),
      card('Billing', kv([
        ['Debt', fmt.tft(k.debt), 'contract-debt'],
        ['Total paid', fmt.tft(k.total_paid), 'contract-paid'],
        ['Bills', fmt.count(k.bill_count), 'contract-bill-count'],
        ['Last billed', timeCell(k.last_billed), 'contract-last-billed'],
        ['Next bill', timeCell(k.next_bill_time), 'contract-next-bill'],
        ['Traffic not billed yet', fmt.bytes(k.nu_pending_bytes)],
      ]), { testid: 'contract-billing' })),
    res ? card('Reservation', kv([
      ...resourcesKv(res.resources, 'reservation'),
      ['Public IPs', String(res.public_ips), 'reservation-ips-count'],
      ['IP addresses', res.ips.length ? res.ips.join(', ') : null, 'reservation-ips'],
      k.deployment ? ['Deployment hash', h('span', { class: 'mono wrap' }, k.deployment.hash)] : null,
    ]), { testid: 'contract-reservation', wide: true }) : null,
    k.service ? card('Service', kv(Object.entries(k.service).map(([key, v]) => [key.replace(/_/g, ' '), value(v)])), { wide: true }) : null,
    bills.result ? billsSection(bills.result) : errorBox('The bills could not be loaded.', bills.error),
  );
}
