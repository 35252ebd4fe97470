/** Small, total helpers for reading unknown provider payloads without trusting their shape. */
import { maxItems } from './limits';

/** A plain object view of `v`, or undefined. */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
/**
 * `v` when it is an array, cut to its first `maxItems` entries: every list of a payload is read
 * through here, so a hostile length (a sparse array of length 1e9, a million messages) costs what
 * the cap allows, never a loop over the length.
 */
export function arr(v: unknown): readonly unknown[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const cap = maxItems();
  return v.length <= cap ? v : v.slice(0, cap);
}
/** `v` when it is a string. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
/** `v` when it is a finite number. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
/** Parses a JSON string best-effort (tool arguments arrive as JSON text). */
export function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
/** Drops undefined fields so merges and equality checks see only what is known. */
export function compact<T extends object>(o: T): T {
  // A key loop rather than Object.entries: no entry arrays (this runs several times a model call).
  const out: Record<string, unknown> = {};
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}
// The last model id and its guess: most apps call one or two models, so the patterns below run
// about once per model rather than once per call. Long ids are not kept (nothing large is retained).
let lastModel: string | undefined;
let lastGuess: string | undefined;

/** Guesses `gen_ai.provider.name` from a model id, for OpenAI-compatible endpoints. */
export function providerFromModel(model: string | undefined, fallback?: string): string | undefined {
  if (!model) return fallback;
  if (model === lastModel) return lastGuess ?? fallback;
  const guess = guessProvider(model);
  if (model.length <= 256) {
    lastModel = model;
    lastGuess = guess;
  }
  return guess ?? fallback;
}

function guessProvider(model: string): string | undefined {
  const m = model.toLowerCase();
  if (/^(qwen|qwq|qvq|text-embedding-v\d|gte-rerank)/.test(m)) return 'dashscope';
  if (m.startsWith('claude')) return 'anthropic';
  if (m.startsWith('deepseek')) return 'deepseek';
  if (/^(gpt|o\d|chatgpt|text-embedding-|davinci|babbage|omni-moderation)/.test(m)) return 'openai';
  if (/^(mistral|mixtral|codestral|pixtral|ministral)/.test(m)) return 'mistral_ai';
  if (m.startsWith('gemini')) return 'gcp.gemini';
  if (m.startsWith('grok')) return 'x_ai';
  if (m.startsWith('command')) return 'cohere';
  return undefined;
}
