import { type Attributes, type Context, context, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { GatewayError } from "../errors.js";

const tracer = trace.getTracer("para-graphql-gateway");

export { SpanKind };

/**
 * Runs `work` in a span of its own, under `parent` (the active context unless given), a no-op span, nearly
 * free, while tracing is off. A failure sets the span's status to error with the gateway's code only: never
 * an error's message from outside, which could carry what Para or a client sent.
 */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; root?: boolean },
  work: (span: Span) => Promise<T> | T,
  parent: Context = context.active(),
): Promise<T> {
  return tracer.startActiveSpan(name, options, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      const code = error instanceof GatewayError ? error.code : "INTERNAL_SERVER_ERROR";
      span.setAttribute("error.type", code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: code });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The trace a log line was written in, when tracing is on: every line of a request carries its trace id. */
export function traceFields(): Record<string, string> {
  const active = trace.getActiveSpan()?.spanContext();
  return active ? { traceId: active.traceId, spanId: active.spanId } : {};
}

/** Para's HTTP status, on the span of the call to Para it answered. */
export function recordHttpStatus(status: number): void {
  trace.getActiveSpan()?.setAttribute("http.response.status_code", status);
}

/** An answer the answer cache served again, on the operation's span (no resolver ran). */
export function markAnswerReused(): void {
  trace.getActiveSpan()?.setAttribute("gateway.answer_cache", "hit");
}
