export { LlmTraceAgentsProcessor } from './agents-tracing-processor';
export type { AgentsSpan, AgentsTrace, LlmTraceAgentsProcessorOptions } from './agents-tracing-processor';
