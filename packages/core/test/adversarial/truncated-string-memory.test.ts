/**
 * A truncated string attribute is a fresh copy: a finished span keeps nothing of a result longer
 * than the cap. (A slice of a long string is a view into it; 200 held spans with 512 kB results
 * kept ~1 MB each at a 32 kB cap.) Measured as heap after full collections in a child process.
 */
import { CAP, measureInChild } from './child-heap';

jest.setTimeout(120_000);

// Per span: one capped copy of the result (one byte per character here) plus the span itself.
const PER_SPAN_BOUND = 2 * CAP + 16 * 1024;
const RESULT_BYTES = 512 * 1024;

it.each(['tool-string', 'chain-object', 'llm-chat'])('a held %s span with a 512 kB result retains at most about the cap', async (kind) => {
  const { perSpan } = await measureInChild(['finished-spans', kind, 200, RESULT_BYTES]);
  expect(perSpan).toBeLessThan(PER_SPAN_BOUND);
});
