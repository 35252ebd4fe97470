import { tsProject } from '../../jest.preset';

export default [tsProject('node', '<rootDir>/tsconfig.json')];
