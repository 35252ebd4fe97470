/**
 * Recognises the calling conventions of the frameworks that call a tool function, so a TOOL span
 * records the arguments the tool declares and the framework's tool-call id, not the framework's
 * context objects (the whole conversation, a run context holding the app's user data, callbacks).
 *
 * Detection is by structure, and deliberately narrow: a second argument counts as a framework's
 * context only when it carries the fields that framework always sets, so a user's own options
 * object is not mistaken for one. The rules:
 *
 * - Vercel AI SDK `execute(input, options)`: exactly two arguments, the second an object with a
 *   string `toolCallId` and a `messages` array. Records `input`; the call id is `toolCallId`.
 * - LangChain `tool()` function `(input, config)`: exactly two arguments, the second either has a
 *   `toolCall` object of `type: 'tool_call'` (the call id is its `id`), or is the RunnableConfig
 *   LangChain fills in for every call: a numeric `recursionLimit`, a `tags` array and a
 *   `metadata` object. Records `input`.
 * - OpenAI Agents `tool({ execute })` `(input, runContext, details)`: two or three arguments, the
 *   second a RunContext (an object with a `context` field and a `usage` object counting
 *   `requests`), or the third a details object whose `toolCall` has a string `callId`. Records
 *   `input`; the call id is `details.toolCall.callId`. A FunctionTool's own
 *   `invoke(runContext, input, details)` order is recognised the same way, with `input` the
 *   JSON text the model sent.
 *
 * Anything else is not a framework call. A `mapInput` option always has the last word.
 */
import type { ToolContent } from '../types';
import { arr, compact, num, obj, parseJson, str } from './shape';

/** The arguments of a tool call as a framework made it, or undefined when it is not one. */
export interface FrameworkToolCall {
  /** The tool's own input, as it declares it. */
  readonly input: unknown;
  /** The model's tool-call id the framework passed along. */
  readonly callId?: string;
  /** The tool name the framework passed along. */
  readonly name?: string;
}

function aiSdkOptions(v: unknown): { callId: string } | undefined {
  const o = obj(v);
  if (!o || typeof o.toolCallId !== 'string' || !Array.isArray(o.messages)) return undefined;
  return { callId: o.toolCallId };
}

function langChainConfig(v: unknown): { callId?: string; name?: string } | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const call = obj(o.toolCall);
  if (call && call.type === 'tool_call') return { callId: str(call.id), name: str(call.name) };
  if (num(o.recursionLimit) !== undefined && arr(o.tags) && obj(o.metadata)) return {};
  return undefined;
}

function isRunContext(v: unknown): boolean {
  const o = obj(v);
  if (!o || !('context' in o)) return false;
  return num(obj(o.usage)?.requests) !== undefined;
}

function agentsDetails(v: unknown): { callId: string; name?: string } | undefined {
  const call = obj(obj(v)?.toolCall);
  const callId = str(call?.callId);
  return callId === undefined ? undefined : { callId, name: str(call?.name) };
}

/**
 * Recognises a framework's call of a tool function from its arguments.
 *
 * @example
 * ```ts
 * import { frameworkToolCall } from '@llm-trace/core/extend';
 * frameworkToolCall([{ city: 'Paris' }, { toolCallId: 'call_1', messages: [] }]);
 * // { input: { city: 'Paris' }, callId: 'call_1' }
 * ```
 */
export function frameworkToolCall(args: readonly unknown[]): FrameworkToolCall | undefined {
  const n = args.length;
  if (n < 2 || n > 3) return undefined;
  const [first, second, third] = args;
  if (n === 2) {
    const ai = aiSdkOptions(second);
    if (ai) return { input: first, callId: ai.callId };
    const lc = langChainConfig(second);
    if (lc) return compact({ input: first, callId: lc.callId, name: lc.name });
  }
  const details = n === 3 ? agentsDetails(third) : undefined;
  if (isRunContext(second) || (details && !isRunContext(first))) return compact({ input: first, callId: details?.callId, name: details?.name });
  if (isRunContext(first)) return compact({ input: parseJson(second), callId: details?.callId, name: details?.name });
  return undefined;
}

/**
 * TOOL content for a framework's call: the declared input as arguments (only when content is
 * captured), the call id and name always.
 *
 * @example
 * ```ts
 * import { frameworkToolContent } from '@llm-trace/core/extend';
 * frameworkToolContent([{ city: 'Paris' }, { toolCallId: 'call_1', messages: [] }], true);
 * // { arguments: { city: 'Paris' }, callId: 'call_1' }
 * ```
 */
export function frameworkToolContent(args: readonly unknown[], captureContent: boolean | undefined): ToolContent | undefined {
  const call = frameworkToolCall(args);
  if (!call) return undefined;
  return compact({ arguments: captureContent === false ? undefined : call.input, callId: call.callId, name: call.name });
}
