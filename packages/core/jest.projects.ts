import { tsProject } from '../../jest.preset';

export default [tsProject('core', '<rootDir>/tsconfig.json')];
