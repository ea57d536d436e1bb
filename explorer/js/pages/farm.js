// One farm (#/farm/<id>): owner, policies, public IPs (free or held by a contract), its nodes.
import { batch } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, table, links, loading, errorBox, badge } from '../components.js';

export default async function farm(ctx) {
  const id = Number(ctx.params[0]);
  show(ctx.view, h('h1', {}, `Farm ${id}`), loading());
  const [f, nodes] = await batch([['farm_get', { id }], ['node_list', { farm_id: id, size: 1000 }]]);
  if (!ctx.isCurrent()) return;
  if (f.error) {
    show(ctx.view, h('h1', {}, `Farm ${id}`), errorBox(f.error.notFound ? 'Unknown farm.' : 'The farm could not be loaded.',
      f.error.notFound ? `There is no farm with id ${id} on this chain.` : f.error));
    return;
  }
  const x = f.result;
  show(ctx.view, 
    h('h1', {}, `Farm ${x.id}: `, h('span', { testid: 'farm-name' }, x.name)),
    card('Farm', kv([
      ['Owner', links.twin(x.twin_id), 'farm-twin'],
      ['Certification', x.certification, 'farm-certification'],
      ['Dedicated', x.dedicated ? 'yes' : 'no'],
      ['Pricing policy', String(x.pricing_policy_id)],
      ['Farming policy', x.farming_policy_id === 0 ? 'default for the node\'s certification' : String(x.farming_policy_id)],
      ['New nodes', x.open ? 'open to every node' : `only allowed accounts (${x.allowed.length})`],
      ['Nodes', fmt.count(x.node_count), 'farm-node-count'],
      ['Free public IPs', `${x.free_ips} of ${x.public_ips.length}`, 'farm-free-ips'],
    ]), { testid: 'farm-card', wide: true }),
    card('Public IPs', table([
      { title: 'IP', cell: (ip) => h('span', { class: 'mono' }, ip.ip) },
      { title: 'Gateway', cell: (ip) => h('span', { class: 'mono' }, ip.gateway) },
      { title: 'Used by', cell: (ip) => (ip.contract_id === null ? h('span', { class: 'muted' }, 'free') : links.contract(ip.contract_id)) },
    ], x.public_ips, { testid: 'farm-ips', empty: 'This farm has no public IPs.', rowTestid: (ip) => `farm-ip-${ip.ip}` }),
    { testid: 'farm-ips-card', wide: true }),
    card('Nodes', nodes.result ? table([
      { title: 'Node', cell: (n) => links.node(n.id) },
      { title: 'Status', cell: (n) => badge(n.status) },
      { title: 'Location', cell: (n) => [n.location.city, n.location.country].filter(Boolean).join(', ') || '—' },
      { title: 'CPU free', cell: (n) => `${fmt.resource('cru', n.capacity.free.cru)} of ${fmt.count(n.capacity.total.cru)}`, class: 'num' },
      { title: 'Memory free', cell: (n) => `${fmt.bytes(n.capacity.free.mru)} of ${fmt.bytes(n.capacity.total.mru)}`, class: 'num' },
      { title: 'Contracts', cell: (n) => String(n.contract_count), class: 'num' },
    ], nodes.result.nodes, { testid: 'farm-nodes', empty: 'No nodes in this farm.', rowTestid: (n) => `farm-node-${n.id}` })
      : errorBox('The nodes could not be loaded.', nodes.error), { testid: 'farm-nodes-card', wide: true }),
  );
}
