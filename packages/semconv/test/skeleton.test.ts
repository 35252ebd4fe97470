import type { SemconvModel } from '../src';
test('skeleton', () => { const m: Partial<SemconvModel> = {}; expect(m).toEqual({}); });
