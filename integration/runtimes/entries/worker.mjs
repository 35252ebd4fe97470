// workerd: a module worker; GET /?llm=…&otlp=… runs the checks inside a request and answers with the result.
import { runConformance } from '../conformance.mjs';

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const result = await runConformance({ runtime: 'workerd', llmUrl: url.searchParams.get('llm'), otlpUrl: url.searchParams.get('otlp') });
    return Response.json(result);
  },
};
