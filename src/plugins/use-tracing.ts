import { context, propagation, type Span, SpanStatusCode, type TextMapGetter, trace } from "@opentelemetry/api";
import { type DocumentNode, getOperationAST } from "graphql";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import { bareHash, documentIdOf } from "../documents/document-id.js";
import { documentHash } from "../documents/manifest.js";
import { inSpan, SpanKind } from "../telemetry/spans.js";

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/** The id of the document a request runs: its trusted-document hash, or the hash of its text. */
function runDocumentIdOf(params: GraphQLParams): string | undefined {
  const named = documentIdOf(params);
  if (named) return bareHash(named);
  return params.query ? documentHash(params.query) : undefined;
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
        const path = new URL(request.url).pathname;
        const attributes = { "http.request.method": request.method, "url.path": path };
        const caller = propagation.extract(context.active(), request.headers, headerGetter);
        return inSpan(
          `${request.method} ${path}`,
          { kind: SpanKind.SERVER, attributes },
          (span) => {
            requestSpans.set(request, span);
            return wrapped();
          },
          caller,
        );
      },
      operation(_payload, wrapped) {
        return inSpan("graphql.operation", {}, wrapped);
      },
    },
    onParams({ params }) {
      const id = runDocumentIdOf(params);
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
