// One validator (#/validator/<address>): staking_getValidator's record (keys, bonds, commission,
// state, voting power and its share of the active set). Its delegators cannot be listed through
// the API: each delegator's account page shows its own delegations.
import { batch } from '../rpc.js';
import * as fmt from '../format.js';
import { h, show, card, kv, links, loading, errorBox } from '../components.js';
import { stateBadge, validatorState, relative, chainNow, sum, big, METHOD_NOT_FOUND } from '../governance.js';

function failure(address, e) {
  if (e.code === METHOD_NOT_FOUND) {
    return errorBox('Staking is not served by this node.', 'This node does not serve the staking methods (an older node).');
  }
  if (e.notFound) return errorBox('Not a validator.', `The account ${address} is not a registered validator on this chain.`);
  if (e.code === -32602) {
    return errorBox('Not an address.', `"${address}" is not a valid account address (a tf1… bech32m address with a correct checksum).`);
  }
  return errorBox('The validator could not be loaded.', e);
}

export default async function validator(ctx) {
  const address = ctx.params[0].trim().toLowerCase();
  show(ctx.view, h('h1', {}, 'Validator'), loading());
  const [v, active, status] = await batch([
    ['staking_getValidator', { address }], ['staking_listValidators', { active: true, size: 100 }], ['chain_status']]);
  if (!ctx.isCurrent()) return;
  if (v.error) {
    show(ctx.view, h('h1', {}, 'Validator'), failure(address, v.error));
    return;
  }
  const x = v.result;
  const now = chainNow(status.result);
  // The share of the active set's voting power (when the whole active set came in one page).
  let share = null;
  if (x.active && active.result && active.result.validators.length >= Number(active.result.total)) {
    share = `${fmt.percent(x.voting_power, sum(active.result.validators.map((a) => a.voting_power)))}%`;
  }
  const delegated = big(x.total_bond) - big(x.self_bond);
  show(ctx.view,
    h('h1', {}, 'Validator ', stateBadge(validatorState(x), 'validator-state')),
    h('p', { class: 'mono wrap', testid: 'validator-address' }, x.address),
    card('Validator', kv([
      ['Account', links.account(x.address, true), 'validator-account'],
      ['Description', x.description, 'validator-description'],
      ['Consensus key', h('span', { class: 'mono wrap' }, x.consensus_key), 'validator-key'],
      ['State', validatorState(x), 'validator-state-text'],
      x.jailed ? ['Jailed until', `${fmt.time(Number(x.jailed_until))} (${relative(x.jailed_until, now)})`, 'validator-jailed-until'] : null,
      ['Commission', `${x.commission_percent}%`, 'validator-commission'],
      x.commission_changed_epoch !== undefined ? ['Commission changed', `epoch ${fmt.count(x.commission_changed_epoch)}`] : null,
    ]), { testid: 'validator-card', wide: true }),
    card('Bonds and power', kv([
      ['Total bond', fmt.tft(x.total_bond), 'validator-total-bond'],
      ['Self bond', fmt.tft(x.self_bond), 'validator-self-bond'],
      ['Delegated', fmt.tft((delegated > 0n ? delegated : 0n).toString()), 'validator-delegated'],
      ['Delegators', fmt.count(x.delegators), 'validator-delegators'],
      ['Voting power', x.active ? fmt.count(x.voting_power) : '0 (not in the active set)', 'validator-power'],
      share !== null ? ['Share of the active set', share, 'validator-share'] : null,
    ]), { testid: 'validator-bonds', wide: true }),
    h('p', { class: 'note', testid: 'validator-delegators-note' },
      'The API does not list a validator\'s delegators: the account page of each delegator shows its delegations. ',
      h('a', { href: `#/account/${x.address}` }, 'This validator\'s own account'), ' shows its self bond.'),
  );
}
