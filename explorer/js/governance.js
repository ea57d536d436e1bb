// Governance and staking words shared by the validators, validator, proposals, proposal,
// account and transaction pages: a governance action in one sentence and as a table of its
// parameters, state badges, yes/no weight bars, "due" / "in 3 h" times.
//
// Values follow docs/api.md: 64-bit integers may come as decimal strings (or numbers), times as
// numbers (or strings); everything goes through BigInt / Number before it is shown.
import { call, RpcError } from './rpc.js';
import * as fmt from './format.js';
import { h, kv, link, links, value } from './components.js';

// ---- states ------------------------------------------------------------------------------------

const TONES = {
  active: 'good', open: 'warn', passed: 'good', failed: 'bad', rejected: 'bad', vetoed: 'bad',
  expired: 'muted', jailed: 'bad', inactive: 'muted',
};

// A coloured word for a staking or governance state.
export function stateBadge(word, testid, text = word) {
  return h('span', { class: `badge ${TONES[word] || 'muted'}`, testid }, text.replace(/_/g, ' '));
}

// The states gov_listProposals filters on (ledger/governance_types.hpp GovState).
export const GOV_STATES = ['open', 'passed', 'failed', 'rejected', 'vetoed', 'expired'];

// A validator's state: 'active', 'jailed' or 'inactive'.
export function validatorState(v) {
  if (v.jailed) return 'jailed';
  return v.active ? 'active' : 'inactive';
}

// The state badge of a validator; a jailed one says until when.
export function validatorBadge(v, testid, now) {
  const state = validatorState(v);
  if (state !== 'jailed') return stateBadge(state, testid);
  const until = Number(v.jailed_until);
  return h('span', { class: 'jailed' }, stateBadge('jailed', testid),
    until ? h('span', { class: 'muted small', title: fmt.time(until) }, `until ${fmt.clock(until)}, ${relative(until, now)}`) : null);
}

// ---- times ---------------------------------------------------------------------------------------

// "due" when the time has come (by the chain's clock when known), else "in 3 h".
export function relative(unix, now = Date.now() / 1000) {
  const t = Number(unix);
  return t <= now ? 'due' : `in ${fmt.duration(t - now)}`;
}

// The chain's clock: the latest block time of chain_status, else the viewer's clock.
export function chainNow(status) {
  return status && status.latest_block_time ? Number(status.latest_block_time) : Date.now() / 1000;
}

// ---- numbers -------------------------------------------------------------------------------------

export function big(v) {
  try {
    return BigInt(v ?? 0);
  } catch {
    return 0n;
  }
}

export function sum(values) {
  return values.reduce((n, v) => n + big(v), 0n);
}

// ---- a governance action -------------------------------------------------------------------------

const CERT_NODE = ['DIY', 'certified'];
const CERT_FARM = ['none', 'gold'];

const short = (address) => fmt.short(address, 10);

// The action in one sentence: "set chain parameter billing_period = 60", "certify node 4".
export function actionSummary(action) {
  if (!action || typeof action !== 'object') return 'no action';
  const a = action;
  switch (a.kind) {
    case 'set_pricing_policy': return `set pricing policy ${a.policy ? a.policy.id : '?'}`;
    case 'set_farming_policy': return `set farming policy ${a.policy ? a.policy.id : '?'}`;
    case 'set_chain_param': return `set chain parameter ${a.name} = ${a.value}`;
    case 'certify_node': return Number(a.certification) === 0 ? `mark node ${a.node_id} as DIY` : `certify node ${a.node_id}`;
    case 'certify_farm': return Number(a.certification) === 0 ? `remove the certification of farm ${a.farm_id}`
                                                             : `certify farm ${a.farm_id} (gold)`;
    case 'set_farm_dedicated': return a.dedicated ? `make farm ${a.farm_id} dedicated` : `make farm ${a.farm_id} not dedicated`;
    case 'approve_solution_provider': return `approve solution provider ${a.provider_id}`;
    case 'cancel_contract': return `cancel contract ${a.contract_id}`;
    case 'add_council_member': return `add council member ${short(a.account)}`;
    case 'remove_council_member': return `remove council member ${short(a.account)}`;
    case 'add_price_feeder': return `add price feeder ${short(a.account)}`;
    case 'remove_price_feeder': return `remove price feeder ${short(a.account)}`;
    default: return String(a.kind || 'unknown action').replace(/_/g, ' ');
  }
}

const usd = (units) => `${(Number(units) / 1e7).toFixed(7)} USD`;

// How one parameter of an action reads: ids become links, prices get their unit.
const PARAM = {
  node_id: (v) => links.node(v),
  farm_id: (v) => links.farm(v),
  contract_id: (v) => links.contract(v),
  account: (v) => links.account(v, true),
  dedicated: (v) => (v ? 'yes' : 'no'),
  certified: (v) => (v ? 'yes' : 'no'),
  cu: (v) => `${usd(v)} per hour`,
  su: (v) => `${usd(v)} per hour`,
  ipv4: (v) => `${usd(v)} per hour`,
  unique_name: (v) => `${usd(v)} per hour`,
  domain_name: (v) => `${usd(v)} per hour`,
  nu: (v) => `${usd(v)} per GB`,
  cu_reward: (v) => usd(v),
  su_reward: (v) => usd(v),
  ipv4_reward: (v) => usd(v),
  dedicated_discount_percent: (v) => `${v}%`,
  minimal_uptime_permille: (v) => `${Number(v) / 10}%`,
  connection_price_musd: (v) => `${v} mUSD`,
};

function paramValue(kind, key, v) {
  if (key === 'certification') {
    const words = kind === 'certify_farm' ? CERT_FARM : CERT_NODE;
    return `${words[Number(v)] || 'unknown'} (${v})`;
  }
  if (key === 'value' && typeof v !== 'object') return String(v);
  return PARAM[key] ? PARAM[key](v) : value(v);
}

// [label, value, testid] rows of an action's parameters; a nested policy is flattened.
export function actionRows(action, prefix = 'action') {
  if (!action || typeof action !== 'object') return [];
  const rows = [['Action', h('span', {}, h('code', {}, action.kind), ` — ${actionSummary(action)}`), `${prefix}-kind`]];
  for (const [key, v] of Object.entries(action)) {
    if (key === 'kind') continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [inner, w] of Object.entries(v)) {
        rows.push([`${key} ${inner.replace(/_/g, ' ')}`, paramValue(action.kind, inner, w), `${prefix}-${key}-${inner}`]);
      }
    } else {
      rows.push([key.replace(/_/g, ' '), paramValue(action.kind, key, v), `${prefix}-${key}`]);
    }
  }
  return rows;
}

export function actionTable(action, testid = 'action') {
  return kv(actionRows(action, testid), { testid });
}

// ---- votes ---------------------------------------------------------------------------------------

// A bar of yes (green) against no (red) out of `of` (default yes + no), with a mark at `need`
// (a part of `of`) when given, and the numbers in words below.
export function voteBar(yes, no, { of = null, need = null, label = 'weight', testid } = {}) {
  const y = big(yes);
  const n = big(no);
  const whole = of !== null ? big(of) : y + n;
  const pct = (part) => (whole === 0n ? 0 : Math.min(100, fmt.percent(part, whole)));
  return h('div', { class: 'vote', testid },
    h('div', { class: 'vote-bar', role: 'img', 'aria-label': `yes ${y}, no ${n} ${label}` },
      h('div', { class: 'vote-yes', style: `width: ${pct(y)}%` }),
      h('div', { class: 'vote-no', style: `width: ${pct(n)}%` }),
      need !== null && whole !== 0n && pct(big(need)) > 0 && pct(big(need)) < 100 ? h('div', { class: 'vote-need', style: `left: ${pct(big(need))}%`, title: `needed: ${need}` }) : null),
    h('div', { class: 'vote-numbers' },
      h('span', { class: 'vote-yes-text' }, 'yes ', h('b', { testid: testid && `${testid}-yes` }, fmt.count(y))),
      h('span', { class: 'vote-no-text' }, 'no ', h('b', { testid: testid && `${testid}-no` }, fmt.count(n))),
      y + n > 0n ? h('span', { class: 'muted' }, `${fmt.percent(y, y + n)}% yes`) : h('span', { class: 'muted' }, 'no votes yet')));
}

// The vote bar of a list row or page: farm weight for a proposal, council seats for a motion.
export function recordBar(p, testid) {
  if (p.kind === 'motion') {
    const yes = (p.yes || []).length;
    const no = (p.no || []).length;
    return voteBar(yes, no, { of: p.council_size || yes + no || 1, need: p.threshold ?? null, label: 'council votes', testid });
  }
  return voteBar(p.yes_weight, p.no_weight, { testid });
}

// ---- records -------------------------------------------------------------------------------------

export function recordRoute(p) {
  return `#/${p.kind === 'motion' ? 'motion' : 'proposal'}/${p.id}`;
}

export function recordLink(p, text = `${p.kind === 'motion' ? 'motion' : 'proposal'} ${p.id}`) {
  return link(recordRoute(p), text, { testid: `gov-link-${p.kind}-${p.id}` });
}

// gov_getProposal: the id is a u64 (a decimal string by docs/api.md; a number by the first spec),
// so a -32602 for the string is retried with a number.
export async function getRecord(id, kind) {
  try {
    return await call('gov_getProposal', { id: String(id), kind });
  } catch (e) {
    if (e instanceof RpcError && e.code === -32602 && /^\d+$/.test(String(id)) && Number(id) <= Number.MAX_SAFE_INTEGER) {
      return call('gov_getProposal', { id: Number(id), kind });
    }
    throw e;
  }
}

export const METHOD_NOT_FOUND = -32601;

// A link to a validator's page (#/validator/<address>).
export function validatorLink(address, full = false) {
  if (!address) return '—';
  return link(`#/validator/${address}`, full ? address : fmt.short(address, 10), { class: 'mono', title: address });
}
