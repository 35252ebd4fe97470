import { tsProject } from '../../jest.preset';

export default [tsProject('web', '<rootDir>/tsconfig.json')];
