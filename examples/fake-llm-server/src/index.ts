export { startFakeLlmServer } from './server';
export type { FakeLlmServer } from './server';
export { llmEndpointFromEnv } from './endpoint';
export type { LlmEndpoint } from './endpoint';
export { decideReply, embed, countTokens } from './replies';
export type { ChatMessage, Reply, ToolSpec } from './replies';
