/**
 * A NestJS-style support desk: injectable classes, constructor injection from
 * `design:paramtypes`, and `@llmSpan` on methods next to another metadata-reading decorator.
 * Compiled with `experimentalDecorators` + `emitDecoratorMetadata` (legacy decorators).
 */
import 'reflect-metadata';
import OpenAI from 'openai';
import { llmSpan } from '@llm-trace/core';
import { Injectable } from './container';
import { FAQS, type Faq } from './faq';
import { ValidateArgs } from './validate-args';

export const CHAT_MODEL = process.env.OPENAI_MODEL ?? 'qwen-plus';

/** Word overlap between the question and each FAQ entry: enough retrieval for a demo. */
function overlap(a: string, b: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[a-z]{3,}/g) ?? []);
  const wa = words(a);
  let n = 0;
  for (const w of words(b)) if (wa.has(w)) n++;
  return n;
}

@Injectable()
export class FaqRepository {
  @llmSpan({
    kind: 'RETRIEVER',
    dataSource: 'support-faq',
    mapOutput: (faqs: Faq[]) => ({ documents: faqs.map((f) => ({ id: f.id, content: f.answer })) }),
  })
  async search(query: string): Promise<Faq[]> {
    return FAQS.map((faq) => ({ faq, score: overlap(query, faq.question) }))
      .filter((x) => x.score > 0)
      .sort((x, y) => y.score - x.score)
      .slice(0, 2)
      .map((x) => x.faq);
  }
}

@Injectable()
export class SupportService {
  constructor(
    private readonly openai: OpenAI,
    private readonly faqs: FaqRepository,
  ) {}

  /** Returns the client's own `APIPromise`, so callers can still use `.withResponse()`. */
  @llmSpan({ kind: 'LLM', model: CHAT_MODEL, provider: 'openai' })
  complete(params: OpenAI.ChatCompletionCreateParamsNonStreaming) {
    return this.openai.chat.completions.create(params);
  }

  // Applied first, so the span wraps validation too: a rejected call is a traced error.
  @llmSpan({ kind: 'AGENT', name: 'support_desk', description: 'Answers product questions from the FAQ' })
  @ValidateArgs()
  async answer(question: string): Promise<string> {
    const faqs = await this.faqs.search(question);
    const context = faqs.map((f, i) => `[${i + 1}] ${f.answer}`).join('\n');
    // Awaited directly, so the LLM span captures the parsed completion; a caller that uses
    // `.withResponse()` instead still gets its span ended, without output capture.
    const completion = await this.complete({
      model: CHAT_MODEL,
      messages: [
        { role: 'system', content: `Answer from the FAQ.\nFAQ:\n${context}` },
        { role: 'user', content: question },
      ],
    });
    return completion.choices[0]?.message.content ?? '';
  }
}

@Injectable()
export class SupportController {
  constructor(private readonly support: SupportService) {}

  @llmSpan({ kind: 'ENTRY', mapInput: ([question]) => ({ inputMessages: [{ role: 'user', content: String(question) }] }) })
  async handle(question: string): Promise<string> {
    return this.support.answer(question);
  }
}
