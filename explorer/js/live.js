// The live feed: one EventSource on the node's /events for the whole page. Block messages
// ({height, hash, time, txs}) go to every subscriber; the header shows the feed's state.
import { NODE_URL } from './rpc.js';

const listeners = new Set();
const stateListeners = new Set();
let source = null;
let state = 'connecting';

function setState(next) {
  state = next;
  for (const fn of stateListeners) fn(state);
}

function connect() {
  source = new EventSource(`${NODE_URL}/events`);
  source.addEventListener('open', () => setState('live'));
  source.addEventListener('error', () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  source.addEventListener('block', (message) => {
    let block;
    try { block = JSON.parse(message.data); } catch { return; }
    setState('live');
    for (const fn of listeners) fn(block);
  });
}

// fn(block) for every committed block; returns the unsubscribe function.
export function onBlock(fn) {
  if (!source) connect();
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// fn(state) on every change of the feed's state: 'connecting', 'live', 'reconnecting', 'closed'.
export function onState(fn) {
  stateListeners.add(fn);
  fn(state);
  return () => stateListeners.delete(fn);
}
