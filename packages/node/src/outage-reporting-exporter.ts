/**
 * Wraps the OTLP exporter so that an unreachable or failing collector produces one clear `diag`
 * warning per outage instead of an error per batch, and never anything the application sees.
 */
import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { getConfig } from '@llm-trace/core';
import { redactText } from '@llm-trace/core/extend';
import { printableUrl, withPrintableUrls } from './otlp-endpoint';

/**
 * The OTLP exporter `register()` installs, reporting outages once. The target URL is printed
 * without credentials (see `printableUrl`), and the failure reason is redacted.
 *
 * @example
 * ```ts
 * import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
 * import { OutageReportingExporter } from '@llm-trace/node';
 * const exporter = new OutageReportingExporter(new InMemorySpanExporter(), 'http://localhost:4318/v1/traces', 2048);
 * ```
 */
export class OutageReportingExporter implements SpanExporter {
  private failing = false;
  private dropped = 0;
  /** The target as log lines show it. */
  private readonly target: string;

  constructor(
    private readonly inner: SpanExporter,
    target: string,
    private readonly maxQueueSize: number,
  ) {
    this.target = printableUrl(target);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let settled = false;
    const done = (result: ExportResult) => {
      if (settled) return;
      settled = true;
      if (result.code === ExportResultCode.SUCCESS) {
        if (this.failing) {
          diag.info(`llm-trace: exporting to ${this.target} works again (${this.dropped} spans were dropped meanwhile)`);
          this.failing = false;
          this.dropped = 0;
        }
      } else {
        this.dropped += spans.length;
        if (!this.failing) {
          this.failing = true;
          const reason = redactText(withPrintableUrls(String(result.error?.message || 'unknown error')), getConfig().redaction, 1024);
          diag.warn(
            `llm-trace: could not export ${spans.length} spans to ${this.target} (${reason}). ` +
              `The application is unaffected; spans are dropped while the collector is unreachable ` +
              `and at most ${this.maxQueueSize} wait in memory. This is reported once per outage.`,
          );
        }
      }
      // Already reported above; a FAILED result would make the batch processor log an error per batch.
      resultCallback({ code: ExportResultCode.SUCCESS });
    };
    try {
      this.inner.export(spans, done);
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
