import { tsProject } from '../../jest.preset';

// The decorator suites compile under each decorator mode with their own tsconfig; the `core`
// project runs everything else (engine, content, session, redact tests).
const shared = '<rootDir>/test/decorators/*.test.ts';

export default [
  tsProject('core', '<rootDir>/tsconfig.json', { testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/decorators/'] }),
  tsProject('core-legacy', '<rootDir>/tsconfig.legacy.json', { testMatch: [shared, '<rootDir>/test/decorators/legacy/*.test.ts'] }),
  tsProject('core-legacy-nometa', '<rootDir>/tsconfig.legacy-nometa.json', { testMatch: [shared] }),
  tsProject('core-tc39', '<rootDir>/tsconfig.tc39.json', { testMatch: [shared, '<rootDir>/test/decorators/tc39/*.test.ts'] }),
];
