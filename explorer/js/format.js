// Formatting of API values for people: TFT amounts (base units, 1 TFT = 10^7 units, shown
// with all 7 decimals), times in the viewer's time zone, byte sizes, hashes.

const UNITS_PER_TFT = 10000000n;

function group(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// "12345678" -> "1.2345678 TFT"; u64 strings exactly (BigInt), digits grouped by 3.
export function tft(units, { unit = true } = {}) {
  if (units === null || units === undefined || units === '') return '—';
  const v = BigInt(units);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const whole = group((abs / UNITS_PER_TFT).toString());
  const frac = (abs % UNITS_PER_TFT).toString().padStart(7, '0');
  return `${negative ? '-' : ''}${whole}.${frac}${unit ? ' TFT' : ''}`;
}

// For charts: base units as a float number of TFT.
export function tftNumber(units) {
  return Number(BigInt(units)) / 1e7;
}

// A count with grouping: 1234567 -> "1,234,567" (numbers or u64 strings).
export function count(n) {
  if (n === null || n === undefined) return '—';
  return group(BigInt(n).toString());
}

// Unix seconds -> local date and time of the viewer.
export function time(unix) {
  if (unix === null || unix === undefined) return '—';
  return new Date(unix * 1000).toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
  });
}

// Unix seconds -> the viewer's local time of day (for tables; the full date goes in the title).
export function clock(unix) {
  return new Date(unix * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

// Seconds as a short duration: 75 -> "1 min 15 s".
export function duration(seconds) {
  let s = Math.max(0, Math.round(Number(seconds)));
  if (s < 60) return `${s} s`;
  const parts = [];
  for (const [size, name] of [[86400, 'd'], [3600, 'h'], [60, 'min']]) {
    if (s >= size) { parts.push(`${Math.floor(s / size)} ${name}`); s %= size; }
  }
  if (s && parts.length < 2) parts.push(`${s} s`);
  return parts.slice(0, 2).join(' ');
}

// How long ago a unix time was, from the viewer's clock.
export function ago(unix) {
  const seconds = Date.now() / 1000 - unix;
  return seconds < 0 ? 'just now' : `${duration(seconds)} ago`;
}

// Bytes (u64 string) in binary units: "34359738368" -> "32 GiB".
export function bytes(value) {
  if (value === null || value === undefined) return '—';
  let v = BigInt(value);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let i = 0;
  let rest = 0n;
  let scale = 1n;
  while (v >= 1024n * scale && i < units.length - 1) { scale *= 1024n; i++; }
  const whole = v / scale;
  rest = v % scale;
  const frac = Number((rest * 100n) / scale);  // two decimals, truncated
  const text = frac === 0 ? whole.toString() : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
  return `${text} ${units[i]}`;
}

// The value of one resource: cru are cores, the others bytes.
export function resource(kind, value) {
  if (kind === 'cru') return `${count(value)} ${BigInt(value) === 1n ? 'core' : 'cores'}`;
  return bytes(value);
}

// "8fb62e6f...928fb7a" style shortening for tables; the full value goes in the title.
export function short(hex, keep = 8) {
  if (!hex) return '—';
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep)}`;
}

export function percent(part, total) {
  const t = BigInt(total);
  if (t === 0n) return 0;
  return Number((BigInt(part) * 10000n) / t) / 100;
}
