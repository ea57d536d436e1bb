// #/search/<number>: what a bare number is on this chain (a height, a twin, farm, node or
// contract id). One match goes straight there; several get a choice; none an explanation.
import { numberMatches } from '../search.js';
import { h, show, card, loading, errorBox, link } from '../components.js';

export default async function search(ctx) {
  const q = ctx.params[0];
  show(ctx.view, h('h1', {}, `Search: ${q}`), loading('Looking'));
  if (!/^\d+$/.test(q)) {
    show(ctx.view, h('h1', {}, 'Search'), errorBox('Nothing found.', `"${q}" is not a number.`));
    return;
  }
  try {
    const matches = await numberMatches(q);
    if (!ctx.isCurrent()) return;
    if (matches.length === 1) {
      window.location.replace(`#${matches[0].route}`);
      return;
    }
    if (matches.length === 0) {
      show(ctx.view, h('h1', {}, `Search: ${q}`), errorBox('Nothing found.',
        `${q} is not a block height of this chain, nor the id of a twin, farm, node or contract.`));
      return;
    }
    show(ctx.view, h('h1', {}, `Search: ${q}`),
      card(`${q} is several things on this chain`, h('ul', { class: 'choices', testid: 'search-choices' },
        matches.map((m) => h('li', {}, link(`#${m.route}`, m.label, { testid: `search-choice-${m.kind}` })))), { wide: true }));
  } catch (e) {
    show(ctx.view, h('h1', {}, `Search: ${q}`), errorBox('The search failed.', e));
  }
}
