/** The repo's fake OpenAI-compatible server, from its build. */
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const { startFakeLlmServer } = require('../../../examples/fake-llm-server/dist/index.js');
