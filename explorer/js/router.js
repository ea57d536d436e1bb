// Hash routing (#/block/12), so the explorer works from any static host without server rules.
// Each route renders into a fresh view element; a page registers clean-ups (event feed
// subscriptions, timers) with ctx.onLeave, run when the next route starts.

const routes = [];
let leaving = [];
let current = 0;

// pattern: a RegExp over the path after '#'; render(ctx) where ctx = {params, view, onLeave,
// isCurrent}.
export function route(pattern, render) {
  routes.push({ pattern, render });
}

export function navigate(path) {
  if (window.location.hash === `#${path}`) render();
  else window.location.hash = path;
}

export function start(main, notFound) {
  window.addEventListener('hashchange', () => render(main, notFound));
  render(main, notFound);
}

let target = null;
let fallback = null;

async function render(main = target, notFound = fallback) {
  target = main;
  fallback = notFound;
  for (const cleanup of leaving.splice(0)) {
    try { cleanup(); } catch { /* a failed clean-up must not block the next page */ }
  }
  const token = ++current;
  const path = decodeURIComponent((window.location.hash || '#/').slice(1)) || '/';
  const view = document.createElement('div');
  view.className = 'view';
  main.replaceChildren(view);
  window.scrollTo(0, 0);
  const ctx = {
    view,
    params: [],
    onLeave: (fn) => leaving.push(fn),
    isCurrent: () => token === current,
  };
  for (const r of routes) {
    const m = path.match(r.pattern);
    if (m) {
      ctx.params = m.slice(1);
      try {
        await r.render(ctx);
      } catch (e) {
        if (ctx.isCurrent()) notFound(ctx, e);
      }
      return;
    }
  }
  notFound(ctx, null);
}
