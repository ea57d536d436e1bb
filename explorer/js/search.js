// The search box: a height, a block or transaction hash, an address, or "twin 3", "farm 1",
// "node 2", "contract 5". A bare number that is several things at once gets a choice page.
import { batch } from './rpc.js';

// The route for a query, or {error} in words when nothing matches.
export async function resolve(query) {
  const q = query.trim().toLowerCase().replace(/^#/, '');
  if (!q) return { error: 'Type a height, a hash, an address, or "node 3", "farm 1", "twin 2", "contract 5".' };
  const kinded = q.match(/^(block|height|twin|farm|node|contract|tx|account)[\s:#/]*(\S+)$/);
  if (kinded) {
    const [, kind, id] = kinded;
    if (kind === 'tx') return { route: `/tx/${id}` };
    if (kind === 'account') return { route: `/account/${id}` };
    if (!/^\d+$/.test(id)) return { error: `"${id}" is not a number: a ${kind} id is a whole number.` };
    return { route: `/${kind === 'height' ? 'block' : kind}/${id}` };
  }
  if (/^tf1[0-9a-z]+$/.test(q)) return { route: `/account/${q}` };
  if (/^[0-9a-f]{64}$/.test(q)) {
    const [tx, block] = await batch([['tx_get', { id: q }], ['chain_getBlock', { hash: q }]]);
    if (tx.result && tx.result.status !== 'unknown') return { route: `/tx/${q}` };
    if (block.result) return { route: `/block/${q}` };
    if (block.error && !block.error.notFound) throw block.error;
    return { error: `No block or transaction with hash ${q} on this chain.` };
  }
  if (/^\d+$/.test(q)) return { route: `/search/${q}` };
  return { error: `"${query.trim()}" is not a height, a 64-character hash, a tf1… address or an id such as "node 3".` };
}

// What a bare number can be: [{kind, route, label}] among block, twin, farm, node, contract.
export async function numberMatches(n) {
  const id = Number(n);
  const answers = await batch([
    ['chain_status'],
    ['twin_get', { id }],
    ['farm_get', { id }],
    ['node_get', { id }],
    ['contract_get', { id: String(n) }],
  ]);
  const [status, twin, farm, node, contract] = answers;
  if (status.error) throw status.error;
  const out = [];
  if (id >= 1 && id <= status.result.height) out.push({ kind: 'block', route: `/block/${id}`, label: `Block at height ${n}` });
  if (twin.result) out.push({ kind: 'twin', route: `/twin/${id}`, label: `Twin ${n}` });
  if (farm.result) out.push({ kind: 'farm', route: `/farm/${id}`, label: `Farm ${n} (${farm.result.name})` });
  if (node.result) out.push({ kind: 'node', route: `/node/${id}`, label: `Node ${n} (${node.result.location.city || 'no city'}, ${node.result.status})` });
  if (contract.result) out.push({ kind: 'contract', route: `/contract/${n}`, label: `Contract ${n} (${contract.result.kind}, ${contract.result.state.replace('_', ' ')})` });
  return out;
}

