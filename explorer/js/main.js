// The explorer's entry point: the routes, the search box, the live-feed indicator.
import { h, errorBox } from './components.js';
import * as live from './live.js';
import { NODE_URL, call } from './rpc.js';
import { route, start, navigate } from './router.js';
import { resolve } from './search.js';
import * as fmt from './format.js';

import overview from './pages/overview.js';
import blocks from './pages/blocks.js';
import block from './pages/block.js';
import tx from './pages/tx.js';
import account from './pages/account.js';
import twin from './pages/twin.js';
import farm from './pages/farm.js';
import node from './pages/node.js';
import contract from './pages/contract.js';
import validators from './pages/validators.js';
import validator from './pages/validator.js';
import proposals from './pages/proposals.js';
import proposal from './pages/proposal.js';
import search from './pages/search.js';

route(/^\/?$/, overview);
route(/^\/blocks(?:\/(\d+))?$/, blocks);
route(/^\/block\/([0-9a-fA-F]{64}|\d+)$/, block);
route(/^\/tx\/(.+)$/, tx);
route(/^\/account\/(.+)$/, account);
route(/^\/twin\/(\d+)$/, twin);
route(/^\/farm\/(\d+)$/, farm);
route(/^\/node\/(\d+)$/, node);
route(/^\/contract\/(\d+)$/, contract);
route(/^\/validators$/, validators);
route(/^\/validator\/(.+)$/, validator);
route(/^\/proposals(?:\?(.*))?$/, proposals);
route(/^\/proposal\/(\d+)$/, (ctx) => proposal(ctx, 'proposal'));
route(/^\/motion\/(\d+)$/, (ctx) => proposal(ctx, 'motion'));
route(/^\/search\/(.+)$/, search);

function notFound(ctx, error) {
  ctx.view.replaceChildren(error
    ? errorBox('This page could not be shown.', error)
    : errorBox('No such page.', `"${window.location.hash}" is not a page of the explorer. Try the search box, or go back to the overview.`));
}

document.getElementById('node-url').textContent = NODE_URL;

const form = document.getElementById('search');
const input = document.getElementById('search-input');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const query = input.value;
  try {
    const found = governanceQuery(query) || await resolve(query);
    if (found.route) {
      input.value = '';
      input.blur();
      navigate(found.route);
    } else {
      showSearchError(found.error);
    }
  } catch (e) {
    showSearchError(e.message);
  }
});

// "proposal 3", "motion 2", "validator tf1…": the governance and staking pages.
function governanceQuery(query) {
  const m = query.trim().toLowerCase().match(/^(proposal|motion|validator)[\s:#/]*(\S+)$/);
  if (!m) return null;
  const [, kind, id] = m;
  if (kind === 'validator') return { route: `/validator/${id}` };
  return /^\d+$/.test(id) ? { route: `/${kind}/${id}` } : { error: `"${id}" is not a number: a ${kind} id is a whole number.` };
}

function showSearchError(message) {
  const main = document.getElementById('main');
  main.replaceChildren(h('div', { class: 'view' }, errorBox('Nothing found.', message)));
}

const dot = document.getElementById('live-dot');
const text = document.getElementById('live-text');
let lastHeight = null;
live.onState((state) => {
  dot.className = `dot ${state}`;
  if (state !== 'live' || lastHeight === null) text.textContent = state === 'live' ? 'live' : `${state}…`;
});
function showHeight(height) {
  if (lastHeight !== null && height <= lastHeight) return;
  lastHeight = height;
  text.textContent = `height ${fmt.count(height)}`;
  text.setAttribute('data-height', height);
}
live.onBlock((b) => showHeight(b.height));
call('chain_status').then((status) => showHeight(status.height), () => { /* the page shows the error */ });

start(document.getElementById('main'), notFound);
