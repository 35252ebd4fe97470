import { describeConformance } from '../../conformance-gate';
import { run } from '../src/app';

describeConformance('rag', run);
