/**
 * The RAG app. Everything here uses only `@llm-trace/core` wrappers and the `openai` client; it
 * never touches the SDK setup, so the same code runs under `register()`, under a test harness or
 * with tracing off.
 *
 * Trace shape: ENTRY → CHAIN { EMBEDDING → RETRIEVER → RERANKER → LLM (streamed) }, inside a
 * session; indexing the corpus is its own TASK trace.
 */
import OpenAI from 'openai';
import { currentLlmSpan, withChain, withEmbedding, withEntry, withLLM, withReranker, withRetriever, withSession, withTask } from '@llm-trace/core';
import { CORPUS } from './corpus';
import { keywordRerank } from './rerank';
import { InMemoryVectorStore, type Hit } from './vector-store';

/** Options for `run()`. */
export interface RunOptions {
  /** OpenAI-compatible base URL (the fake server's, DashScope's, ...). */
  baseURL?: string;
  apiKey?: string;
  /** The user's question. */
  question?: string;
  /** Session id for the conversation. @default 'rag-demo-session' */
  sessionId?: string;
}

/** What `run()` answers. */
export interface RagAnswer {
  readonly question: string;
  readonly answer: string;
  /** Ids of the documents the answer was grounded on, best first. */
  readonly sources: readonly string[];
}

const CHAT_MODEL = process.env.OPENAI_MODEL ?? 'qwen-plus';
const EMBEDDING_MODEL = process.env.OPENAI_EMBEDDING_MODEL ?? 'text-embedding-v3';
const DEFAULT_QUESTION = 'How do I send traces to Jaeger with an OTLP endpoint?';

function providerName(baseURL: string | undefined): string {
  return baseURL?.includes('dashscope') ? 'dashscope' : 'openai';
}

function toDocuments(hits: readonly Hit[]) {
  return hits.map((h) => ({ id: h.document.id, score: h.score, content: h.document.text }));
}

/**
 * Indexes the corpus, then answers one question with retrieval-augmented generation.
 *
 * @example
 * ```ts
 * import { run } from './app';
 * const { answer } = await run({ baseURL: 'http://127.0.0.1:8080/v1', apiKey: 'fake' });
 * ```
 */
export async function run(options: RunOptions = {}): Promise<RagAnswer> {
  const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? process.env.OPENAI_API_KEY ?? 'unset' });
  const provider = providerName(options.baseURL ?? process.env.OPENAI_BASE_URL);
  const question = options.question ?? DEFAULT_QUESTION;
  const store = new InMemoryVectorStore();

  // The wrapped functions take the provider's own request shape, so model, inputs and usage are
  // read from the real request and response objects.
  const embed = withEmbedding({ model: EMBEDDING_MODEL, provider }, (params: OpenAI.EmbeddingCreateParams) =>
    client.embeddings.create(params),
  );
  const chat = withLLM({ model: CHAT_MODEL, provider }, (params: OpenAI.ChatCompletionCreateParamsStreaming) =>
    client.chat.completions.create(params),
  );

  const indexCorpus = withTask({ name: 'index_corpus' }, async function indexCorpus(): Promise<number> {
    const response = await embed({ model: EMBEDDING_MODEL, input: CORPUS.map((d) => d.text) });
    store.add(
      CORPUS,
      response.data.map((d) => d.embedding),
    );
    return store.size;
  });

  const retrieve = withRetriever(
    {
      dataSource: 'llm-ops-notes',
      mapInput: ([query]) => ({ query, topK: 4 }),
      mapOutput: (hits) => ({ documents: toDocuments(hits) }),
    },
    async function retrieve(query: string, vector: readonly number[]): Promise<Hit[]> {
      return store.search(vector, 4);
    },
  );

  const rerank = withReranker(
    {
      model: 'keyword-overlap',
      provider: 'local',
      mapInput: ([query, hits]) => ({ query, topK: 2, inputDocuments: toDocuments(hits) }),
      mapOutput: (hits) => ({ outputDocuments: toDocuments(hits) }),
    },
    function rerank(query: string, hits: readonly Hit[]): Hit[] {
      return keywordRerank(query, hits, 2);
    },
  );

  const answer = withChain({ name: 'rag_answer' }, async function answer(q: string): Promise<RagAnswer> {
    const embedded = await embed({ model: EMBEDDING_MODEL, input: q });
    const hits = await retrieve(q, embedded.data[0]!.embedding);
    const best = rerank(q, hits);
    const context = best.map((h, i) => `[${i + 1}] ${h.document.text}`).join('\n');
    const stream = await chat({
      model: CHAT_MODEL,
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: `Answer from this context only and cite it.\nContext:\n${context}` },
        { role: 'user', content: q },
      ],
    });
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content ?? '';
      // The CHAIN is the active span here: this records the user-facing time to first token
      // (gen_ai.user.time_to_first_token) once; the LLM span records its own by itself.
      if (delta) currentLlmSpan().recordFirstToken();
      text += delta;
    }
    return { question: q, answer: text, sources: best.map((h) => h.document.id) };
  });

  const handleQuestion = withEntry(
    {
      mapInput: ([q]) => ({ inputMessages: [{ role: 'user', content: q }] }),
      mapOutput: (result) => ({ outputMessages: [{ role: 'assistant', content: result.answer }] }),
    },
    async function handleQuestion(q: string): Promise<RagAnswer> {
      return answer(q);
    },
  );

  await indexCorpus();
  return withSession({ sessionId: options.sessionId ?? 'rag-demo-session', userId: 'demo-user' }, () => handleQuestion(question));
}
