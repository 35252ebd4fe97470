export { startFakeLlmServer } from './server';
export type { FakeLlmServer } from './server';
export { decideReply, embed, countTokens } from './replies';
export type { ChatMessage, Reply, ToolSpec } from './replies';
