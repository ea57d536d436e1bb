// A small inline SVG line chart (no library): points [{x: unix time, y: number}], y from 0.
import { s, h } from './components.js';
import * as fmt from './format.js';

export function lineChart(points, { testid, yLabel = '', width = Math.max(320, Math.min(640, window.innerWidth - 48)), height = 220 } = {}) {
  if (points.length === 0) return h('p', { class: 'empty' }, 'Nothing to chart yet.');
  const pad = { left: 64, right: 16, top: 26, bottom: 34 };
  const xs = points.map((p) => p.x);
  const maxY = Math.max(...points.map((p) => p.y)) || 1;
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const spanX = maxX - minX || 1;
  const px = (x) => pad.left + ((x - minX) / spanX) * (width - pad.left - pad.right);
  const py = (y) => height - pad.bottom - (y / maxY) * (height - pad.top - pad.bottom);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
  const ticks = [0, 0.5, 1].map((f) => maxY * f);
  const timeLabel = (unix) => new Date(unix * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', testid,
                    'aria-label': `${yLabel}: ${points.length} points` },
    ticks.map((t) => [
      s('line', { x1: pad.left, x2: width - pad.right, y1: py(t), y2: py(t), class: 'grid-line' }),
      s('text', { x: pad.left - 6, y: py(t) + 4, 'text-anchor': 'end', class: 'axis' }, t.toFixed(t < 10 ? 4 : 1)),
    ]),
    s('text', { x: pad.left, y: height - 8, class: 'axis' }, timeLabel(minX)),
    s('text', { x: width - pad.right, y: height - 8, 'text-anchor': 'end', class: 'axis' }, timeLabel(maxX)),
    s('text', { x: pad.left, y: 12, class: 'axis' }, yLabel),
    s('path', { d: path, class: 'line' }),
    points.map((p) => s('circle', { cx: px(p.x), cy: py(p.y), r: 3.5, class: 'point', 'data-y': p.y },
      s('title', {}, `${fmt.time(p.x)}: ${p.label || p.y}`))));
}
