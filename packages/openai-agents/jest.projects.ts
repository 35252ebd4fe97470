import { tsProject } from '../../jest.preset';

export default [tsProject('openai-agents', '<rootDir>/tsconfig.json')];
