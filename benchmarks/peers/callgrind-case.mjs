// One side of one peer-comparison row, run N times after a fixed warm-up:
// `node peers/callgrind-case.mjs ROW SIDE N [WARM]` from benchmarks/ (WARM: warm-up calls, by
// default 5000, a stream's 200, as ../callgrind-case.mjs). Run by peers/run.mjs under
// valgrind (as ../callgrind-case.mjs for the main cases); prints nothing.
import { setupTracing, tracerOf } from './setup.mjs';
import { ROWS, buildSide } from './sides.mjs';

const [rowId, name, count, warmCount] = process.argv.slice(2);
setupTracing();
const row = ROWS.find((r) => r.id === rowId);
const side = await buildSide(name, row, tracerOf);
if (typeof side === 'string') throw new Error(`${name} has no side for ${rowId}: ${side}`);
const warm = Number(warmCount) || (row.divisor > 1 ? 200 : 5000);
const n = Number(count);
const { fn } = side;
if (side.isAsync) {
  for (let i = 0; i < warm; i++) await fn();
  for (let i = 0; i < n; i++) await fn();
} else {
  for (let i = 0; i < warm; i++) fn();
  for (let i = 0; i < n; i++) fn();
}
