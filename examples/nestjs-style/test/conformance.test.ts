import 'reflect-metadata';
import { describeConformance } from '../../conformance-gate';
import { run } from '../src/app';

describeConformance('nestjs-style', run);
