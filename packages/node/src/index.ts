export { register } from './register';
export type { OtlpOptions, RegisterOptions, Registration } from './register';
export { ConsoleTreeExporter } from './console-tree-exporter';
export type { ConsoleTreeExporterOptions } from './console-tree-exporter';
export { formatTraceTree, formatDuration } from './trace-tree';
export type { TraceTreeFormat } from './trace-tree';
export { parseOtlpHeaders, resolveOtlpTarget } from './otlp-endpoint';
export type { OtlpTarget } from './otlp-endpoint';
