import { tsProject } from '../../jest.preset';

export default [
  tsProject('node', '<rootDir>/tsconfig.json', {
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
      '/@opentelemetry/otlp-exporter-base/.+\\.js$': '<rootDir>/test/support/import-to-require.js',
    },
    transformIgnorePatterns: ['/node_modules/(?!@opentelemetry/otlp-exporter-base/)'],
  }),
];
