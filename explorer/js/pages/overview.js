// Overview: the chain (height, block time, validators, tx/s), the grid totals of stats_get, and
// the latest blocks and transactions, kept current by the /events feed without a reload.
import { all, call } from '../rpc.js';
import * as fmt from '../format.js';
import * as live from '../live.js';
import { h, show, card, kv, table, links, timeCell, loading, errorBox, capacityBar, badge } from '../components.js';

const WINDOW = 20;  // blocks used for tx/s and the block interval
const SHOWN = 10;   // rows of the latest blocks and transactions

const blockColumns = [
  { title: 'Height', cell: (b) => links.block(b.header.height) },
  { title: 'Hash', cell: (b) => links.blockHash(b.header.hash) },
  { title: 'Time', cell: (b) => timeCell(b.header.time, null, { short: true }) },
  { title: 'Txs', cell: (b) => String(b.transactions.length), class: 'num' },
  { title: 'Proposer', cell: (b) => links.account(b.header.proposer) },
];

const txColumns = [
  { title: 'Transaction', cell: (t) => links.tx(t.tx.id) },
  { title: 'Call', cell: (t) => h('code', {}, t.tx.call.name) },
  { title: 'Block', cell: (t) => links.block(t.height) },
  { title: 'Signer', cell: (t) => links.account(t.tx.signer) },
  { title: 'Fee', cell: (t) => fmt.tft(t.tx.fee), class: 'num' },
];

function recentTxs(blocks) {
  const out = [];
  for (const b of blocks) {
    for (const tx of [...b.transactions].reverse()) out.push({ tx, height: b.header.height });
  }
  return out.slice(0, SHOWN);
}

// Transactions per second over the window: the txs after the first block over the time span.
function txRate(blocks) {
  if (blocks.length < 2) return null;
  const newest = blocks[0].header;
  const oldest = blocks[blocks.length - 1].header;
  const span = newest.time - oldest.time;
  if (span <= 0) return null;
  const txs = blocks.slice(0, -1).reduce((n, b) => n + b.transactions.length, 0);
  return { rate: txs / span, interval: span / (blocks.length - 1) };
}

function gridCard(stats) {
  const cap = stats.capacity;
  return card('The grid', [
    h('div', { class: 'stats' },
      stat('Nodes up', fmt.count(stats.nodes.up), 'ov-nodes-up', 'good'),
      stat('Nodes down', fmt.count(stats.nodes.down), 'ov-nodes-down', 'bad'),
      stat('Nodes on standby', fmt.count(stats.nodes.standby), 'ov-nodes-standby', 'warn'),
      stat('Farms', fmt.count(stats.farms), 'ov-farms'),
      stat('Twins', fmt.count(stats.twins), 'ov-twins'),
      stat('Live contracts', fmt.count(stats.contracts.live), 'ov-contracts-live'),
      stat('Contracts created', fmt.count(stats.contracts.created), 'ov-contracts-created'),
      stat('Public IPs used', `${fmt.count(stats.public_ips.used)} / ${fmt.count(stats.public_ips.total)}`, 'ov-public-ips')),
    h('div', { class: 'capacities' },
      capacityBar('CPU', 'cru', cap.total.cru, cap.reserved.cru, 'ov-cap-cru'),
      capacityBar('Memory', 'mru', cap.total.mru, cap.reserved.mru, 'ov-cap-mru'),
      capacityBar('SSD', 'sru', cap.total.sru, cap.reserved.sru, 'ov-cap-sru'),
      capacityBar('HDD', 'hru', cap.total.hru, cap.reserved.hru, 'ov-cap-hru')),
  ], { testid: 'grid-card', wide: true });
}

function stat(label, text, testid, tone, small = false) {
  return h('div', { class: `stat ${tone || ''}` }, h('span', { class: 'stat-label' }, label),
    h('span', { class: small ? 'stat-value small' : 'stat-value', testid }, text));
}

export default async function overview(ctx) {
  show(ctx.view, h('h1', {}, 'Overview'), loading('Reading the chain'));
  let status, stats, validators, price;
  try {
    [status, stats, validators, price] = await all([
      ['chain_status'], ['stats_get'], ['chain_getValidators'], ['price_get']]);
  } catch (e) {
    show(ctx.view, h('h1', {}, 'Overview'), errorBox('The overview could not be loaded.', e));
    return;
  }
  const first = Math.max(1, status.height - WINDOW + 1);
  const heights = [];
  for (let i = status.height; i >= first; i--) heights.push(i);
  let blocks = [];
  try {
    blocks = await all(heights.map((height) => ['chain_getBlock', { height }]));
  } catch (e) {
    ctx.view.append(errorBox('The latest blocks could not be loaded.', e));
  }
  if (!ctx.isCurrent()) return;

  const totalPower = validators.validators.reduce((n, v) => n + BigInt(v.power), 0n);
  const chainStats = h('div', { class: 'stats' });
  const gridHolder = h('div', {}, gridCard(stats));
  const blocksBody = h('div', {});
  const txsBody = h('div', {});

  function renderChain() {
    const latest = blocks[0] ? blocks[0].header : { height: status.height, time: status.latest_block_time };
    const rate = txRate(blocks);
    chainStats.replaceChildren(
      stat('Latest block', fmt.count(latest.height), 'ov-height'),
      h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, 'Block time'),
        h('span', { class: 'stat-value small', testid: 'ov-block-time' }, timeCell(latest.time)),
        h('span', { class: 'stat-note', testid: 'ov-block-interval' },
          rate ? `one block every ${rate.interval.toFixed(1)} s` : '')),
      stat('Validators', `${validators.validators.length}`, 'ov-validators'),
      stat('Transactions / s', rate ? rate.rate.toFixed(2) : '—', 'ov-tps'),
      stat('TFT supply', fmt.tft(stats.tft.total_supply), 'ov-supply', '', true),
      stat('TFT price', `${(price.effective_musd / 1000).toFixed(3)} USD`, 'ov-price'),
    );
    blocksBody.replaceChildren(table(blockColumns, blocks.slice(0, SHOWN),
      { testid: 'latest-blocks', rowTestid: (b) => `block-row-${b.header.height}`, empty: 'No blocks yet.' }));
    txsBody.replaceChildren(table(txColumns, recentTxs(blocks),
      { testid: 'latest-txs', empty: `No transactions in the latest ${blocks.length} blocks.` }));
  }
  renderChain();

  show(ctx.view, 
    h('h1', {}, 'Overview ', h('small', { class: 'muted' }, status.chain_id)),
    card('The chain', [chainStats, kv([
      ['Chain', status.chain_id],
      ['Total voting power', fmt.count(totalPower)],
      ['Syncing', status.syncing ? badge('pending') : 'no'],
      ['Node version', status.node_version],
    ])], { testid: 'chain-card', wide: true }),
    gridHolder,
    h('div', { class: 'columns' },
      card('Latest blocks', blocksBody, { testid: 'blocks-card', actions: h('a', { href: '#/blocks' }, 'all blocks') }),
      card('Latest transactions', txsBody, { testid: 'txs-card' })),
  );

  // Live: every block message adds its block; the grid totals are re-read at most every 5 s.
  let statsAt = Date.now();
  let fetching = Promise.resolve();
  const unsubscribe = live.onBlock((message) => {
    fetching = fetching.then(async () => {
      if (!ctx.isCurrent() || (blocks[0] && message.height <= blocks[0].header.height)) return;
      try {
        const added = await call('chain_getBlock', { height: message.height });
        blocks = [added, ...blocks].slice(0, WINDOW);
        if (Date.now() - statsAt > 5000) {
          statsAt = Date.now();
          gridHolder.replaceChildren(gridCard(await call('stats_get')));
        }
      } catch {
        // the feed's block is enough to show the height; the rest comes with the next block
        blocks = [{ header: { height: message.height, hash: message.hash, time: message.time, proposer: null },
                    transactions: [] }, ...blocks].slice(0, WINDOW);
      }
      if (ctx.isCurrent()) renderChain();
    });
  });
  ctx.onLeave(unsubscribe);
}

