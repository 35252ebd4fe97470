import { tsProject } from '../../jest.preset';

export default [tsProject('testing', '<rootDir>/tsconfig.json')];
