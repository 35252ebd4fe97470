// Next.js calls register() once per server instance, in each runtime the app uses. The Node
// runtime gets @llm-trace/node (AsyncLocalStorage, OTLP/protobuf over http); the Edge runtime
// gets @llm-trace/web (AsyncLocalStorage that Next.js provides there, OTLP/JSON over fetch).
// Both read OTEL_EXPORTER_OTLP_* and OTEL_SERVICE_NAME from the environment.
import { keepRegistration } from './lib/tracing';

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { register: registerNode } = await import('@llm-trace/node');
    keepRegistration(registerNode({ serviceName: 'next-chat' }));
  } else if (process.env.NEXT_RUNTIME === 'edge') {
    const { register: registerWeb } = await import('@llm-trace/web');
    // Edge functions may be frozen right after the response: send each trace when it ends.
    keepRegistration(registerWeb({ serviceName: 'next-chat', exportMode: 'trace' }));
  }
}
