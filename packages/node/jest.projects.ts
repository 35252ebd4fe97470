import { tsProject } from '../../jest.preset';

export default [
  tsProject('node', '<rootDir>/tsconfig.json', {
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
      '/@opentelemetry/otlp-exporter-base/.+\\.js$': '<rootDir>/test/support/import-to-require.js',
    },
    // The integration tests run the example apps, which import the fake server by package name.
    moduleNameMapper: { '^@llm-trace/example-fake-llm-server$': '<rootDir>/../../examples/fake-llm-server/src/index.ts' },
    transformIgnorePatterns: ['/node_modules/(?!@opentelemetry/otlp-exporter-base/)'],
  }),
];
