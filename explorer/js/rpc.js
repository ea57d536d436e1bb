// The JSON-RPC client: every call goes to the node's public API (POST /rpc), so the explorer can
// be hosted anywhere. Failures become RpcError with a sentence a person can read.
//
// The node is the one given as ?node=http://host:port in the address (hash routing keeps it
// while browsing), else the page's own origin (gridnode --explorer), else http://127.0.0.1:26657
// when the page is opened from a file.

const DEFAULT_NODE = 'http://127.0.0.1:26657';
const TIMEOUT_MS = 10000;

function chooseNode() {
  const asked = new URLSearchParams(window.location.search).get('node');
  if (asked) return asked.replace(/\/+$/, '');
  if (window.location.protocol === 'http:' || window.location.protocol === 'https:') {
    return window.location.origin;
  }
  return DEFAULT_NODE;
}

export const NODE_URL = chooseNode();

export const NOT_FOUND = -32001;

export class RpcError extends Error {
  // kind: 'network' (no answer), 'http' (an HTTP error status), 'rpc' (a JSON-RPC error)
  constructor(message, { kind, code = null, reason = null } = {}) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.reason = reason;
  }
  get notFound() { return this.code === NOT_FOUND; }
}

let nextId = 1;

async function post(body) {
  let response;
  try {
    response = await fetch(NODE_URL + '/rpc', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    const why = e && e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s`
                                               : 'the node is unreachable or refused the connection';
    throw new RpcError(`Cannot reach the node at ${NODE_URL}: ${why}.`, { kind: 'network' });
  }
  if (!response.ok) {
    throw new RpcError(`The node at ${NODE_URL} answered HTTP ${response.status} ${response.statusText}.`,
                       { kind: 'http', code: response.status });
  }
  try {
    return await response.json();
  } catch {
    throw new RpcError(`The node at ${NODE_URL} answered something that is not JSON.`, { kind: 'http' });
  }
}

function toError(method, error) {
  const reason = error && error.data ? error.data.reason || null : null;
  return new RpcError(`${method}: ${error.message}`, { kind: 'rpc', code: error.code, reason });
}

// One call: resolves to the result, rejects with an RpcError.
export async function call(method, params) {
  const id = nextId++;
  const reply = await post({ jsonrpc: '2.0', id, method, params: params || {} });
  if (reply.error) throw toError(method, reply.error);
  return reply.result;
}

// Several calls in one HTTP request: resolves to [{result} | {error: RpcError}] in call order;
// rejects only when the request itself fails.
export async function batch(calls) {
  if (calls.length === 0) return [];
  const first = nextId;
  nextId += calls.length;
  const body = calls.map(([method, params], i) => ({ jsonrpc: '2.0', id: first + i, method, params: params || {} }));
  const reply = await post(body);
  if (!Array.isArray(reply)) throw toError('batch', reply.error || { message: 'unexpected answer' });
  const byId = new Map(reply.map((r) => [r.id, r]));
  return calls.map(([method], i) => {
    const r = byId.get(first + i);
    if (!r) return { error: new RpcError(`${method}: no answer in the batch`, { kind: 'rpc' }) };
    return r.error ? { error: toError(method, r.error) } : { result: r.result };
  });
}

// Like batch, but rejects with the first error (for pages that need every answer).
export async function all(calls) {
  const answers = await batch(calls);
  for (const a of answers) if (a.error) throw a.error;
  return answers.map((a) => a.result);
}
