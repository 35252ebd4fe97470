/**
 * A span exporter that sends OTLP/JSON over `fetch`: the one network API every runtime here has
 * (workerd, Vercel Edge, Deno, Bun, browsers, Node 18+).
 */
import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { encodeOtlpJson } from './otlp-json';
import { printableUrl } from './otlp-target';

/**
 * Options of `FetchOtlpExporter`.
 *
 * @example
 * ```ts
 * import type { FetchOtlpExporterOptions } from '@llm-trace/web';
 * const o: FetchOtlpExporterOptions = { url: 'http://127.0.0.1:4318/v1/traces', headers: {}, timeoutMillis: 5000 };
 * ```
 */
export interface FetchOtlpExporterOptions {
  /** Full traces URL, e.g. `https://collector.example.com/v1/traces`. */
  readonly url: string;
  /** Request headers (authentication). Never printed. */
  readonly headers: Readonly<Record<string, string>>;
  /** Per-request deadline in milliseconds. */
  readonly timeoutMillis: number;
  /** The `fetch` to use. @default globalThis.fetch, looked up at each export */
  readonly fetch?: typeof fetch;
}

/**
 * Sends each batch as one OTLP/JSON POST; a failure is reported through `diag` with the URL
 * (credentials and query removed) and the HTTP status, never with the headers.
 *
 * @example
 * ```ts
 * import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
 * import { FetchOtlpExporter } from '@llm-trace/web';
 * const processor = new SimpleSpanProcessor(new FetchOtlpExporter({ url: 'http://127.0.0.1:4318/v1/traces', headers: {}, timeoutMillis: 5000 }));
 * ```
 */
export class FetchOtlpExporter implements SpanExporter {
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;
  private readonly where: string;

  constructor(private readonly options: FetchOtlpExporterOptions) {
    this.where = printableUrl(options.url);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
      return;
    }
    const sent = this.send(spans).then(resultCallback, (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }));
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  private async send(spans: ReadableSpan[]): Promise<ExportResult> {
    let body: string;
    try {
      body = JSON.stringify(encodeOtlpJson(spans));
    } catch (error) {
      diag.warn(`llm-trace: could not encode ${spans.length} span(s) for ${this.where}: ${String(error)}`);
      return { code: ExportResultCode.FAILED };
    }
    const doFetch = this.options.fetch ?? globalThis.fetch;
    if (typeof doFetch !== 'function') {
      diag.warn('llm-trace: this runtime has no fetch(); spans cannot be exported');
      return { code: ExportResultCode.FAILED };
    }
    const abort = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = abort ? setTimeout(() => abort.abort(), this.options.timeoutMillis) : undefined;
    try {
      const response = await doFetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.options.headers },
        body,
        signal: abort?.signal,
      });
      // Read the body so the connection is released (workerd and undici keep it otherwise).
      await response.text().catch(() => '');
      if (response.ok) return { code: ExportResultCode.SUCCESS };
      diag.warn(`llm-trace: the OTLP endpoint ${this.where} answered ${response.status}; ${spans.length} span(s) dropped`);
      return { code: ExportResultCode.FAILED };
    } catch (error) {
      const reason = abort?.signal.aborted ? `no answer within ${this.options.timeoutMillis} ms` : error instanceof Error ? error.name : 'request failed';
      diag.warn(`llm-trace: could not reach the OTLP endpoint ${this.where} (${reason}); ${spans.length} span(s) dropped`);
      return { code: ExportResultCode.FAILED };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  /** Resolves when every request already sent has been answered (or given up). */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    await this.forceFlush();
  }
}
