// Blocks: the chain's headers, newest first, 25 a page (#/blocks or #/blocks/<top height>).
import { call } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, table, links, timeCell, loading, errorBox, link } from '../components.js';

const PAGE = 25;

export default async function blocks(ctx) {
  show(ctx.view, h('h1', {}, 'Blocks'), loading());
  try {
    const status = await call('chain_status');
    const top = ctx.params[0] ? Math.min(Number(ctx.params[0]), status.height) : status.height;
    if (top < 1) {
      show(ctx.view, h('h1', {}, 'Blocks'), h('p', { class: 'empty' }, 'The chain has no blocks yet.'));
      return;
    }
    const from = Math.max(1, top - PAGE + 1);
    const { headers } = await call('chain_getHeaders', { from, to: top });
    headers.reverse();
    const nav = h('nav', { class: 'pager' },
      top < status.height ? link(`#/blocks/${Math.min(status.height, top + PAGE)}`, '← newer') : h('span', {}),
      h('span', {}, `heights ${fmt.count(from)} to ${fmt.count(top)} of ${fmt.count(status.height)}`),
      from > 1 ? link(`#/blocks/${from - 1}`, 'older →') : h('span', {}));
    show(ctx.view, h('h1', {}, 'Blocks'), card(null, [table([
      { title: 'Height', cell: (b) => links.block(b.height) },
      { title: 'Hash', cell: (b) => links.blockHash(b.hash) },
      { title: 'Time', cell: (b) => timeCell(b.time) },
      { title: 'Proposer', cell: (b) => links.account(b.proposer) },
    ], headers, { testid: 'blocks-table' }), nav], { wide: true }));
  } catch (e) {
    show(ctx.view, h('h1', {}, 'Blocks'), errorBox('The blocks could not be loaded.', e));
  }
}
