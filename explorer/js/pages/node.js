// One node (#/node/<id>): status and last uptime report, capacity bars (total, reserved, free),
// location, network, and the contracts on it.
import { batch } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, links, loading, errorBox, badge, timeCell, capacityBar, table } from '../components.js';
import { contractTable } from './contract.js';

export default async function node(ctx) {
  const id = Number(ctx.params[0]);
  show(ctx.view, h('h1', {}, `Node ${id}`), loading());
  const [n, contracts] = await batch([['node_get', { id }], ['contract_list', { node_id: id, size: 100 }]]);
  if (!ctx.isCurrent()) return;
  if (n.error) {
    show(ctx.view, h('h1', {}, `Node ${id}`), errorBox(n.error.notFound ? 'Unknown node.' : 'The node could not be loaded.',
      n.error.notFound ? `There is no node with id ${id} on this chain.` : n.error));
    return;
  }
  const x = n.result;
  const cap = x.capacity;
  const loc = x.location;
  show(ctx.view, 
    h('h1', {}, `Node ${x.id} `, badge(x.status, 'node-status')),
    h('div', { class: 'columns' },
      card('Status', kv([
        ['Status', x.status, 'node-status-text'],
        ['Power', `${x.power_state} (target ${x.power_target}) since `, 'node-power'],
        ['Last uptime report', x.last_uptime_report ? h('span', {}, timeCell(x.last_uptime_report, 'node-last-uptime'),
          h('span', { class: 'muted' }, ` (${fmt.ago(x.last_uptime_report)})`)) : 'never'],
        ['Reported uptime', fmt.duration(x.last_uptime_value), 'node-uptime-value'],
        ['Down in total', fmt.duration(x.down_seconds_total)],
        ['Registered', timeCell(x.created_at)],
      ]), { testid: 'node-status-card' }),
      card('Identity', kv([
        ['Farm', links.farm(x.farm_id), 'node-farm'],
        ['Twin', links.twin(x.twin_id), 'node-twin'],
        ['Account', links.account(x.account), 'node-account'],
        ['Certification', x.certification],
        ['Serial', x.serial],
        ['Secure boot', x.secure_boot ? 'yes' : 'no'],
        ['Virtualized', x.virtualized ? 'yes' : 'no'],
        ['Extra fee', x.extra_fee_musd_month !== '0' ? `${(Number(x.extra_fee_musd_month) / 1000).toFixed(3)} USD / month` : 'none'],
        ['Rented by', x.rented_by !== null ? links.twin(x.rented_by) : (x.rentable ? 'nobody (rentable)' : 'nobody')],
      ]), { testid: 'node-identity' })),
    card('Capacity', h('div', { class: 'capacities' },
      capacityBar('CPU', 'cru', cap.total.cru, cap.reserved.cru, 'node-cap-cru'),
      capacityBar('Memory', 'mru', cap.total.mru, cap.reserved.mru, 'node-cap-mru'),
      capacityBar('SSD', 'sru', cap.total.sru, cap.reserved.sru, 'node-cap-sru'),
      capacityBar('HDD', 'hru', cap.total.hru, cap.reserved.hru, 'node-cap-hru')), { testid: 'node-capacity', wide: true }),
    h('div', { class: 'columns' },
      card('Location', kv([
        ['Country', loc.country, 'node-country'],
        ['City', loc.city, 'node-city'],
        ['Coordinates', loc.latitude || loc.longitude ? `${loc.latitude}, ${loc.longitude}` : null],
      ]), { testid: 'node-location' }),
      card('Network', [
        table([
          { title: 'Interface', cell: (i) => i.name },
          { title: 'MAC', cell: (i) => h('span', { class: 'mono' }, i.mac) },
          { title: 'Addresses', cell: (i) => i.ips.join(', ') },
        ], x.interfaces, { empty: 'No interfaces registered.' }),
        x.public_config ? kv([
          ['Public IPv4', `${x.public_config.ipv4.ip} via ${x.public_config.ipv4.gateway}`],
          ['Public IPv6', x.public_config.ipv6 ? `${x.public_config.ipv6.ip} via ${x.public_config.ipv6.gateway}` : null],
          ['Domain', x.public_config.domain],
        ]) : h('p', { class: 'muted' }, 'No public configuration.'),
      ], { testid: 'node-network' })),
    card(`Contracts (${x.contract_count} live)`, contracts.result ? contractTable(contracts.result.contracts, 'node-contracts')
      : errorBox('The contracts could not be loaded.', contracts.error), { wide: true, testid: 'node-contracts-card' }),
  );
  // The power line ends with the time the state began.
  const power = ctx.view.querySelector('[data-testid="node-power"]');
  if (power && x.power_state_since) power.append(timeCell(x.power_state_since));
}

