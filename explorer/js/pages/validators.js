// The validator set deciding the next height: keys, voting power and share, operators.
import { call } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, table, links, loading, errorBox } from '../components.js';

export default async function validators(ctx) {
  show(ctx.view, h('h1', {}, 'Validators'), loading());
  try {
    const set = await call('chain_getValidators');
    if (!ctx.isCurrent()) return;
    const total = set.validators.reduce((n, v) => n + BigInt(v.power), 0n);
    show(ctx.view, 
      h('h1', {}, 'Validators'),
      h('p', { class: 'muted', testid: 'validators-summary' },
        `${set.validators.length} validator${set.validators.length === 1 ? '' : 's'} decide height ${fmt.count(set.height)}, total voting power ${fmt.count(total)}.`),
      card(null, table([
        { title: '#', cell: (v) => String(v.rank), class: 'num' },
        { title: 'Consensus key', cell: (v) => h('span', { class: 'mono wrap', title: v.key }, v.key) },
        { title: 'Voting power', cell: (v) => fmt.count(v.power), class: 'num' },
        { title: 'Share', cell: (v) => `${fmt.percent(v.power, total)}%`, class: 'num' },
        { title: 'Operator', cell: (v) => links.account(v.operator) },
      ], set.validators.map((v, i) => ({ ...v, rank: i + 1 })),
      { testid: 'validators-table', rowTestid: (v) => `validator-${v.key}`, empty: 'No validators.' }), { wide: true }));
  } catch (e) {
    show(ctx.view, h('h1', {}, 'Validators'), errorBox('The validators could not be loaded.', e));
  }
}
