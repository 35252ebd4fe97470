// The decorator under TC39 standard decorators (no experimentalDecorators): checked against the
// sources and, in CI, against the built declarations with TypeScript 5.0 to 7. Nothing here runs.
import { llmSpan } from '@llm-trace/core';

class Retriever {
  @llmSpan({ kind: 'RETRIEVER', dataSource: 'kb' })
  async search(query: string, topK: number): Promise<string[]> {
    return Array.from({ length: topK }, () => query);
  }

  @llmSpan('CHAIN')
  run(input: string): string {
    return input;
  }
}
const results: Promise<string[]> = new Retriever().search('otel', 3);
const out: string = new Retriever().run('x');
void results;
void out;
