/** Retriever / reranker / embedding result shapes → documents and dimension counts. */
import type { Document, EmbeddingContent, Usage } from '../types';
import { arr, compact, num, obj, str } from './shape';

/** One document-like value (`{id, content|pageContent|text, score, metadata}`, a LangChain `[doc, score]` tuple, or a string). */
export function toDocument(v: unknown, index?: number): Document | undefined {
  if (typeof v === 'string') return index === undefined ? { content: v } : { id: String(index), content: v };
  if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'number') {
    const d = toDocument(v[0], index);
    return d ? { ...d, score: v[1] } : undefined;
  }
  const o = obj(v);
  if (!o) return undefined;
  const inner = obj(o.document);
  const metadata = obj(o.metadata) ?? obj(inner?.metadata);
  const content = str(o.content) ?? str(o.pageContent) ?? str(o.page_content) ?? str(o.text) ?? str(inner?.text) ?? str(inner?.content) ?? str(o.document);
  const rawId = o.id ?? inner?.id ?? metadata?.id ?? o.index;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : undefined;
  const score = num(o.score) ?? num(o.relevance_score) ?? num(o.similarity) ?? num(o._score);
  if (content === undefined && id === undefined && score === undefined) return undefined;
  return compact<Document>({ id, score, content, metadata });
}

/** A retriever/reranker result: an array of documents, or an object holding one. */
export function toDocuments(v: unknown): Document[] | undefined {
  const o = obj(v);
  const list = arr(v) ?? arr(o?.documents) ?? arr(o?.results) ?? arr(o?.matches) ?? arr(o?.data) ?? arr(obj(o?.output)?.results) ?? arr(obj(o?.hits)?.hits);
  if (!list) return undefined;
  const docs: Document[] = [];
  list.forEach((d, i) => {
    const doc = toDocument(d, typeof d === 'string' ? i : undefined);
    if (doc) docs.push(doc);
  });
  return docs.length > 0 || list.length === 0 ? docs : undefined;
}

function base64Dims(s: string): number {
  // base64 float32 vectors: 4 bytes per dimension.
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.floor(((s.length * 3) / 4 - pad) / 4);
}

function vectorDims(v: unknown): number | undefined {
  if (Array.isArray(v)) return v.length > 0 && typeof v[0] === 'number' ? v.length : undefined;
  if (typeof v === 'string' && v.length > 0) return base64Dims(v);
  return undefined;
}

/** Embedding results: `number[][]`, `number[]`, the OpenAI embeddings response, or DashScope's native one. */
export function fromEmbeddingResult(v: unknown): EmbeddingContent | undefined {
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return compact<EmbeddingContent>({ dimensionCount: typeof v[0] === 'number' ? v.length : vectorDims(v[0]) });
  }
  const o = obj(v);
  if (!o) return undefined;
  const list = arr(o.data) ?? arr(obj(o.output)?.embeddings) ?? arr(o.embeddings);
  const first = obj(list?.[0]);
  const u = obj(o.usage);
  const usage = u ? compact<Usage>({ inputTokens: num(u.prompt_tokens) ?? num(u.input_tokens) ?? num(u.total_tokens), totalTokens: num(u.total_tokens) }) : undefined;
  return compact<EmbeddingContent>({
    dimensionCount: vectorDims(first?.embedding) ?? vectorDims(list?.[0]),
    responseModel: str(o.model),
    usage: usage && Object.keys(usage).length > 0 ? usage : undefined,
  });
}
