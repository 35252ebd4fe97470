import { tsProject } from '../../jest.preset';

export default [
  tsProject('example-agent', '<rootDir>/tsconfig.json', {
    moduleNameMapper: { '^@llm-trace/example-fake-llm-server$': '<rootDir>/../fake-llm-server/src/index.ts' },
  }),
];
