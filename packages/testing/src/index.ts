/**
 * @llm-trace/testing: in-memory tracing for tests, the LLM Trace conformance validator, and
 * (from `@llm-trace/testing/jest`) jest matchers. The `llm-trace-check` command runs the same
 * validator over exported OTLP files.
 */
export { createTestTracing } from './test-tracing';
export type { TestTracing } from './test-tracing';
export { validateSpan, validateSpans, formatFindings, LLM_TRACE_SCOPES, scopeMatcher } from './validate';
export type { ValidateOptions } from './validate';
export { ConformanceRule } from './findings';
export type { ConformanceFinding, FindingLevel } from './findings';
export { buildTraceTree, formatTraceTree } from './trace-tree';
export type { TraceTreeNode } from './trace-tree';
export { toBeConformantLlmSpan, toHaveLlmSpan } from './matchers';
export { decodeExportTraceServiceRequest } from './otlp-protobuf';
export type { LlmSpanExpectation, MatcherContextLike, MatcherResult } from './matchers';
