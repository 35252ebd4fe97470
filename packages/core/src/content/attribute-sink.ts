/**
 * Collects the attributes of one write: every value passes through redaction and the length cap
 * here, and content values are dropped when capture is off.
 */
import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { LlmTraceConfig } from '../config';
import { createRedactor, redactValue, type Redactor } from '../redact/redactor';
import { detachedPrefix, safeStringify, type SerializeOptions } from '../serialize';

/**
 * Appended to a string cut at `maxAttributeLength`.
 *
 * @example
 * ```ts
 * import { TRUNCATION_MARKER } from '@llm-trace/core';
 * const cut = (s: string) => s.endsWith(TRUNCATION_MARKER);
 * ```
 */
export const TRUNCATION_MARKER = '...[truncated]';

/** Cuts `s` to at most `max` characters, marker included. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  // A copy, not a slice: a slice would keep the whole original alive with the span.
  if (max <= TRUNCATION_MARKER.length) return detachedPrefix(s, max);
  return detachedPrefix(s, max - TRUNCATION_MARKER.length, TRUNCATION_MARKER);
}

/** What one attribute key needs under one config: its redactor and its serializer options. */
interface KeyPlan {
  readonly redactor: Redactor;
  readonly serialize: SerializeOptions;
  /** Whether short values of this key skip the built-in text rules (see ENUM_ATTRIBUTES). */
  readonly enumLike: boolean;
  /** Whether the last short value and its written form are remembered (see REMEMBERED_ATTRIBUTES). */
  readonly remember: boolean;
  /** The last value remembered under this key, and what it was written as. */
  lastIn: string | undefined;
  lastOut: string | undefined;
}

/**
 * Attributes whose values the schema defines as short enumerations (`chat`, `openai`, `stop`,
 * `json`, `function`): like the `role` and `type` fields inside messages, values of at most
 * `MAX_ENUM_LENGTH` characters skip the built-in text rules. A user hook or user patterns still
 * see them, and a longer value (not an enumeration) is redacted as any other.
 */
const ENUM_ATTRIBUTES: ReadonlySet<string> = new Set([
  'gen_ai.operation.name',
  'gen_ai.provider.name',
  'gen_ai.response.finish_reasons',
  'gen_ai.output.type',
  'gen_ai.tool.type',
  'gen_ai.request.encoding_formats',
  'gen_ai.react.finish_reason',
  'openinference.span.kind',
  'llm.provider',
  'llm.system',
  'llm.finish_reason',
]);
const MAX_ENUM_LENGTH = 32;

/**
 * Attributes whose values are names the application chose (models, providers, operations,
 * tools) and repeat on every call: the last short value of each is remembered with what it was
 * written as, so a repeat skips the rules. Redacting a string is a pure function of the string
 * and the config, so the written value is the same; with a user hook (which must see every
 * value) nothing is remembered. Ids (`gen_ai.response.id`) are left out: they differ per call.
 * Content keys are left out too: content must not outlive its span in memory.
 */
const REMEMBERED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'gen_ai.operation.name',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'gen_ai.provider.name',
  'gen_ai.response.finish_reasons',
  'gen_ai.output.type',
  'gen_ai.tool.name',
  'gen_ai.tool.type',
  'gen_ai.agent.name',
  'gen_ai.data_source.id',
  'llm.model_name',
  'llm.request.model_name',
  'llm.response.model_name',
  'llm.provider',
  'llm.system',
  'llm.finish_reason',
  'embedding.model_name',
  'reranker.model_name',
  'tool.name',
  'agent.name',
]);
/** Longer values are not remembered (nothing large is kept past its span). */
const MAX_REMEMBERED_LENGTH = 128;

// Plans depend only on (config, attribute key), so they are built once per config object
// (configure() makes a new one) instead of once per key per write.
const MAX_CACHED_PLANS = 1024;
const PLANS = new WeakMap<LlmTraceConfig, Map<string, KeyPlan>>();

// Most writes use the same config as the one before: its plans are found without the WeakMap.
let lastConfig: LlmTraceConfig | undefined;
let lastPlans: Map<string, KeyPlan> | undefined;

function plansFor(config: LlmTraceConfig): Map<string, KeyPlan> {
  if (config === lastConfig) return lastPlans!;
  let m = PLANS.get(config);
  if (!m) {
    m = new Map();
    PLANS.set(config, m);
  }
  lastConfig = config;
  lastPlans = m;
  return m;
}

function makePlan(config: LlmTraceConfig, key: string): KeyPlan {
  const redactor = createRedactor(config.redaction, key, config.maxAttributeLength);
  const serialize: SerializeOptions = {
    maxLength: config.maxAttributeLength,
    maxDepth: config.maxDepth,
    maxItems: config.maxItems,
    transform: redactor.inactive ? undefined : redactor.transform,
    unchanged: redactor.unchanged,
    parts: redactor.parts,
  };
  const r = config.redaction;
  const enumLike = ENUM_ATTRIBUTES.has(key) && !r.hook && (r.patterns ?? []).length === 0;
  return { redactor, serialize, enumLike, remember: REMEMBERED_ATTRIBUTES.has(key) && !r.hook, lastIn: undefined, lastOut: undefined };
}

/**
 * One attribute key a writer uses on every call (`gen_ai.request.model`), with its plan for the
 * last config it was written under: the plan is then found by one comparison rather than a
 * lookup by key. Configs are replaced, never changed, so a plan found for a config stays right.
 *
 * @example
 * ```ts
 * import { getConfig } from '@llm-trace/core';
 * const MODEL = keySlot('gen_ai.request.model');
 * new AttributeSink(getConfig()).textAt(MODEL, 'gpt-4o-mini'); // 'gpt-4o-mini', redacted and capped as value() would
 * ```
 */
export interface KeySlot {
  readonly key: string;
  config: LlmTraceConfig | undefined;
  plan: KeyPlan | undefined;
}

/**
 * A slot for `key` (see `KeySlot`); made once, where the writer that uses the key is defined.
 *
 * @example
 * ```ts
 * const RESPONSE_ID = keySlot('gen_ai.response.id');
 * ```
 */
export function keySlot(key: string): KeySlot {
  return { key, config: undefined, plan: undefined };
}

/** Accumulates redacted, capped attributes for one `write()` call. */
export class AttributeSink {
  readonly attributes: Attributes = {};
  private readonly plans: Map<string, KeyPlan>;

  constructor(readonly config: LlmTraceConfig) {
    this.plans = plansFor(config);
  }

  get capture(): boolean {
    return this.config.captureContent;
  }

  get openinference(): boolean {
    return this.config.openinference;
  }

  private plan(key: string): KeyPlan {
    let p = this.plans.get(key);
    if (!p) {
      p = makePlan(this.config, key);
      // Bounded: user-chosen attribute keys may be unbounded in number and in length.
      if (this.plans.size < MAX_CACHED_PLANS && key.length <= 256) this.plans.set(key, p);
    }
    return p;
  }

  private slotPlan(slot: KeySlot): KeyPlan {
    if (slot.config === this.config) return slot.plan!;
    const p = this.plan(slot.key);
    slot.plan = p;
    slot.config = this.config;
    return p;
  }

  /**
   * A string as `value(slot.key, s)` writes it (redacted unless an enumeration value, capped),
   * returned so the writer stores it under its own constant key.
   */
  textAt(slot: KeySlot, s: string): string {
    return this.text(this.slotPlan(slot), s);
  }

  /**
   * A list as `value(slot.key, xs)` writes it when its first `maxItems` entries are all strings
   * (each one as `textAt` writes it); undefined for any other list, which then goes through
   * `value`.
   */
  stringsAt(slot: KeySlot, xs: readonly unknown[]): string[] | undefined {
    const list = this.list(xs);
    for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return undefined;
    const plan = this.slotPlan(slot);
    const out: string[] = [];
    for (let i = 0; i < list.length; i++) out.push(this.text(plan, list[i] as string));
    return out;
  }

  /** `v` JSON-encoded as `json(slot.key, v)` writes it (redacted in the same walk, capped). */
  jsonAt(slot: KeySlot, v: unknown): string {
    return safeStringify(v, this.slotPlan(slot).serialize);
  }

  private redactor(key: string): Redactor {
    return this.plan(key).redactor;
  }

  /** One string, redacted (unless an enumeration value) and capped; repeats of a remembered key's last value are looked up. */
  private text(plan: KeyPlan, s: string): string {
    if (s === plan.lastIn) return plan.lastOut!;
    const out = truncate(plan.enumLike && s.length <= MAX_ENUM_LENGTH ? s : plan.redactor.string(s), this.config.maxAttributeLength);
    if (plan.remember && s.length <= MAX_REMEMBERED_LENGTH) {
      plan.lastIn = s;
      plan.lastOut = out;
    }
    return out;
  }

  /**
   * `xs` cut to its first `maxItems` entries, so a list handed in by the app (a sparse array of
   * length 1e9, say) is never looped over or copied past the cap.
   */
  list<T>(xs: readonly T[]): readonly T[] {
    const cap = this.config.maxItems;
    return xs.length <= cap ? xs : xs.slice(0, cap);
  }

  /** A structural (non-content) value: ids, names, numbers, string arrays. */
  value(key: string, v: unknown): void {
    if (v === undefined || v === null) return;
    if (typeof v === 'string') {
      this.attributes[key] = this.text(this.plan(key), v);
    } else if (typeof v === 'number') {
      if (Number.isFinite(v)) this.attributes[key] = v;
    } else if (typeof v === 'boolean') {
      this.attributes[key] = v;
    } else if (Array.isArray(v)) {
      this.array(key, v);
    } else {
      this.json(key, v);
    }
  }

  /**
   * A list: written as an array attribute when its entries (nulls left out) are all strings, all
   * finite numbers or all booleans, else JSON-encoded whole. One pass finds which, without the
   * intermediate arrays and callbacks of filter / every / map.
   */
  private array(key: string, v: readonly unknown[]): void {
    const xs = this.list(v);
    let type: 'string' | 'number' | 'boolean' | undefined;
    let nulls = false;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (x === undefined || x === null) {
        nulls = true;
        continue;
      }
      const t = typeof x;
      const ok = (t === 'string' || t === 'boolean' || (t === 'number' && Number.isFinite(x))) && (type === undefined || type === t);
      if (!ok) {
        this.json(key, v);
        return;
      }
      type = t as 'string' | 'number' | 'boolean';
    }
    if (type === undefined || type === 'string') {
      const plan = this.plan(key);
      const out: string[] = [];
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i];
        if (typeof x === 'string') out.push(this.text(plan, x));
      }
      this.attributes[key] = out;
      return;
    }
    // A copy either way: the attributes never share an array with the caller.
    this.attributes[key] = (nulls ? xs.filter((x) => x !== undefined && x !== null) : xs.slice()) as AttributeValue;
  }

  /** JSON-encodes `v` (redacted in the same walk, capped) under `key`. */
  json(key: string, v: unknown): void {
    if (v === undefined) return;
    this.attributes[key] = safeStringify(v, this.plan(key).serialize);
  }

  /**
   * JSON-encodes a content value. A string that already holds a JSON object or array (a model's
   * tool-call arguments) is kept as it is; any other string is written as a JSON string
   * (`'Paris'` → `"Paris"`), so the attribute always parses as JSON.
   */
  contentJson(key: string, v: unknown): void {
    if (!this.capture || v === undefined) return;
    if (typeof v === 'string') {
      if (looksLikeJson(v, this.config.maxAttributeLength)) this.value(key, v);
      else this.attributes[key] = quoteCapped(this.redactor(key).string(v), this.config.maxAttributeLength);
      return;
    }
    this.json(key, v);
  }

  /** A content value: written only when capture is on. */
  content(key: string, v: unknown): void {
    if (this.capture) this.value(key, v);
  }

  /** Input/output value with its mime type (`text/plain` for strings, `application/json` otherwise). */
  io(which: 'input' | 'output', v: unknown, mimeType?: string): void {
    if (!this.capture || v === undefined) return;
    // Constant keys rather than built ones: a key put together per call is a new string the
    // plan lookup and the attribute store must hash each time.
    const valueKey = which === 'input' ? 'input.value' : 'output.value';
    const mimeKey = which === 'input' ? 'input.mime_type' : 'output.mime_type';
    if (typeof v === 'string') {
      this.value(valueKey, v);
      this.attributes[mimeKey] = mimeType ?? (looksLikeJson(v, this.config.maxAttributeLength) ? 'application/json' : 'text/plain');
    } else {
      this.json(valueKey, v);
      this.attributes[mimeKey] = mimeType ?? 'application/json';
    }
  }

  /** Redacted copy of a value for flattening into many attributes (OpenInference). */
  redacted<T>(key: string, v: T): T {
    return redactValue(v, this.redactor(key), this.config.maxDepth, this.config.maxItems) as T;
  }
}

/**
 * `s` as a JSON string literal of at most `max` characters: cut before quoting (so a huge string
 * costs only the cap), then cut further while escapes make it longer than the cap.
 */
function quoteCapped(s: string, max: number): string {
  let t = s.length + 2 > max ? truncate(s, Math.max(0, max - 2)) : s;
  let q = JSON.stringify(t);
  while (q.length > max && t.length > 0) {
    const keep = Math.max(0, t.length - (q.length - max) - TRUNCATION_MARKER.length);
    t = keep === 0 ? '' : t.slice(0, keep) + TRUNCATION_MARKER;
    q = JSON.stringify(t);
  }
  return q;
}

function looksLikeJson(s: string, max = 1 << 20): boolean {
  // Parsing is bounded so a huge string never costs more than the cap allows.
  if (s.length > max) return false;
  const t = s.trimStart()[0];
  if (t !== '{' && t !== '[') return false;
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
