import { tsProject } from '../../jest.preset';

export default [tsProject('semconv', '<rootDir>/tsconfig.json')];
