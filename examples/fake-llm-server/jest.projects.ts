import { tsProject } from '../../jest.preset';

export default [tsProject('example-fake-llm-server', '<rootDir>/tsconfig.json')];
