import { describeConformance } from '../../conformance-gate';
import { run } from '../src/app';

describeConformance('tc39-decorators', run);
