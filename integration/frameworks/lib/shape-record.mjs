/**
 * Records a value a framework hands to our code as plain JSON that keeps its structure: class
 * instances become `{ "$class": name, ...own fields }`, functions `{ "$fn": name }`, cycles
 * `{ "$cycle": true }` (only a true cycle: an object shared by two fields is recorded twice). The core unit tests revive these to test shape detection without the
 * frameworks installed.
 */
export function record(value, depth = 0, seen = new WeakSet()) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') return { $fn: value.name || 'anonymous' };
    if (typeof value === 'bigint') return { $bigint: String(value) };
    if (value === undefined) return { $undefined: true };
    return value;
  }
  if (seen.has(value)) return { $cycle: true };
  if (depth > 6) return { $deep: true };
  seen.add(value);
  try {
    return recordObject(value, depth, seen);
  } finally {
    seen.delete(value);
  }
}

function recordObject(value, depth, seen) {
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => record(v, depth + 1, seen));
  const proto = Object.getPrototypeOf(value);
  const out = {};
  if (proto !== Object.prototype && proto !== null) out.$class = proto?.constructor?.name ?? 'Unknown';
  for (const key of Object.keys(value).slice(0, 40)) {
    let v;
    try {
      v = value[key];
    } catch {
      v = { $throws: true };
    }
    out[key] = record(v, depth + 1, seen);
  }
  return out;
}
