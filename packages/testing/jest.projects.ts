import { tsProject } from '../../jest.preset';

export default [
  tsProject('testing', '<rootDir>/tsconfig.json', {
    // The OTLP exporter loads its HTTP agent with a dynamic import, which jest's CommonJS
    // runtime cannot run; the round-trip test of the protobuf reader uses that exporter.
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
      '/@opentelemetry/otlp-exporter-base/.+\\.js$': '<rootDir>/../node/test/support/import-to-require.js',
    },
    transformIgnorePatterns: ['/node_modules/(?!@opentelemetry/otlp-exporter-base/)'],
  }),
];
