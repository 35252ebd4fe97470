/**
 * The support desk on TC39 standard decorators (no `experimentalDecorators`): `@llmSpan` on
 * methods, composed with `@route`, which writes `context.metadata`.
 */
import './metadata-polyfill';
import OpenAI from 'openai';
import { llmSpan } from '@llm-trace/core';
import { FAQS, type Faq } from './faq';
import { route } from './routes';

export const CHAT_MODEL = process.env.OPENAI_MODEL ?? 'qwen-plus';

function overlap(a: string, b: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[a-z]{3,}/g) ?? []);
  const wa = words(a);
  let n = 0;
  for (const w of words(b)) if (wa.has(w)) n++;
  return n;
}

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

  @llmSpan({ kind: 'AGENT', name: 'support_desk', description: 'Answers product questions from the FAQ' })
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

export class SupportController {
  constructor(private readonly support: SupportService) {}

  @llmSpan({ kind: 'ENTRY', mapInput: ([question]) => ({ inputMessages: [{ role: 'user', content: String(question) }] }) })
  @route('POST', '/support/ask')
  async handle(question: string): Promise<string> {
    return this.support.answer(question);
  }
}
