/** The small knowledge base the example answers from: notes on running LLM apps in production. */
export interface CorpusDocument {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export const CORPUS: readonly CorpusDocument[] = [
  {
    id: 'otlp-export',
    title: 'Exporting traces',
    text: 'To send traces to Jaeger, Tempo or any OTLP collector, set OTEL_EXPORTER_OTLP_ENDPOINT to the collector address, for example http://localhost:4318.',
  },
  {
    id: 'arms-export',
    title: 'Alibaba Cloud ARMS',
    text: 'ARMS accepts OTLP traces over HTTP; copy the endpoint and the authentication header from the ARMS console into OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_HEADERS.',
  },
  {
    id: 'sessions',
    title: 'Sessions',
    text: 'A session groups the traces of one conversation; every span started inside the session carries gen_ai.session.id and gen_ai.user.id.',
  },
  {
    id: 'streaming',
    title: 'Streaming responses',
    text: 'Streaming responses keep the LLM span open until the stream is consumed, and record the time to first token.',
  },
  {
    id: 'privacy',
    title: 'Privacy',
    text: 'Message content is captured by default; set OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=false to keep prompts and answers out of traces.',
  },
  {
    id: 'tokens',
    title: 'Token usage',
    text: 'Token usage is recorded as gen_ai.usage.input_tokens and gen_ai.usage.output_tokens on every LLM span.',
  },
  {
    id: 'retries',
    title: 'Retries',
    text: 'Rate limited model calls should be retried with exponential backoff; each retry shows up as its own LLM span.',
  },
  {
    id: 'jaeger-ui',
    title: 'Jaeger UI',
    text: 'In the Jaeger UI, search by service name to find traces, then expand the spans to read their attributes.',
  },
];
