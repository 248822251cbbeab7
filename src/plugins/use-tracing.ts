import { createHash } from "node:crypto";
import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from "@opentelemetry/api";
import { type DocumentNode, getOperationAST } from "graphql";
import type { GraphQLParams, Plugin } from "graphql-yoga";

const tracer = trace.getTracer("para-graphql-gateway");

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/** The id of the document a request runs: its trusted-document hash, or the SHA-256 of its text. */
function documentIdOf(params: GraphQLParams): string | undefined {
  const { documentId } = params as { documentId?: unknown };
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  const id = documentId ?? persisted?.sha256Hash;
  if (typeof id === "string") return id.replace(/^sha256:/, "");
  return params.query ? createHash("sha256").update(params.query).digest("hex") : undefined;
}

/** The operation's name and type on its span, once the document is parsed. */
function nameOperation({ document, operationName }: { document: DocumentNode; operationName?: string | null }) {
  const span = trace.getActiveSpan();
  const operation = getOperationAST(document, operationName);
  if (!span || !operation) return;
  const name = operation.name?.value ?? "anonymous";
  span.setAttributes({ "graphql.operation.name": name, "graphql.operation.type": operation.operation });
  span.updateName(`graphql.operation ${name}`);
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === "function";

/** Runs `wrapped` (a phase of Yoga's, maybe asynchronous) inside `span`, and ends the span when it is done. */
function within(span: Span, parent: ReturnType<typeof context.active>, wrapped: () => unknown) {
  const end = (error?: unknown) => {
    if (error) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  try {
    const result = context.with(trace.setSpan(parent, span), wrapped);
    if (isThenable(result)) {
      return result.then(
        (value) => {
          end();
          return value;
        },
        (error: unknown) => {
          end(error);
          throw error;
        },
      );
    }
    end();
    return result;
  } catch (error) {
    end(error);
    throw error;
  }
}

/**
 * Traces per request, when tracing is on, through Yoga's instrumentation hooks: the HTTP request's span
 * (server kind, going on from the caller's `traceparent`, with the method, path and status), and a span for
 * each GraphQL operation (its name, type and document id) under it, inside which the resolvers' work (calls
 * to Para, the store) makes its own. The trace id goes back in `x-trace-id`, so a caller can find its trace.
 * Only what a span needs is recorded: no URL query, client address, header, variable or operation text, so
 * no session handle, cookie, blob or JWT can reach an exporter. Written here rather than taken from The
 * Guild's plugin: see src/telemetry/tracing.ts for what that cost.
 */
export function useTracing(): Plugin {
  const requestSpans = new WeakMap<Request, Span>();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const parent = propagation.extract(context.active(), request.headers, headerGetter);
        const path = new URL(request.url).pathname;
        const span = tracer.startSpan(
          `${request.method} ${path}`,
          { kind: SpanKind.SERVER, attributes: { "http.request.method": request.method, "url.path": path } },
          parent,
        );
        requestSpans.set(request, span);
        return within(span, parent, wrapped) as ReturnType<typeof wrapped>;
      },
      operation(_payload, wrapped) {
        const parent = context.active();
        return within(tracer.startSpan("graphql.operation", {}, parent), parent, wrapped) as ReturnType<typeof wrapped>;
      },
    },
    onParams({ params }) {
      const id = documentIdOf(params);
      if (id) trace.getActiveSpan()?.setAttribute("graphql.document.id", id);
    },
    onExecute({ args }) {
      nameOperation(args);
    },
    onSubscribe({ args }) {
      nameOperation(args);
    },
    onResponse({ request, response }) {
      const span = requestSpans.get(request);
      if (!span) return;
      span.setAttribute("http.response.status_code", response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      response.headers.set("x-trace-id", span.spanContext().traceId);
    },
  };
}
