import { createHash } from "node:crypto";
import { trace } from "@opentelemetry/api";
import type { GraphQLParams, Plugin } from "graphql-yoga";

/** The id of the document a request runs: its trusted-document hash, or the SHA-256 of its text. */
function documentIdOf(params: GraphQLParams): string | undefined {
  const { documentId } = params as { documentId?: unknown };
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  const id = documentId ?? persisted?.sha256Hash;
  if (typeof id === "string") return id.replace(/^sha256:/, "");
  return params.query ? createHash("sha256").update(params.query).digest("hex") : undefined;
}

/**
 * Traces per request, when tracing is on: The Guild's OpenTelemetry plugin makes the HTTP span (going on
 * from the caller's `traceparent`), the operation's span (name, type) and its phases, and marks answers
 * the answer cache served; this adds the document's id to the operation's span, and the trace id to the
 * response (`x-trace-id`), so a caller can find its trace.
 */
export async function useTracing(): Promise<Plugin[]> {
  const { useOpenTelemetry } = await import("@graphql-hive/plugin-opentelemetry");
  return [
    useOpenTelemetry({ traces: { spans: { graphqlContextBuilding: false } } }) as Plugin,
    {
      onParams({ params }) {
        const id = documentIdOf(params);
        if (id) trace.getActiveSpan()?.setAttribute("graphql.document.id", id);
      },
      onResponse({ response }) {
        const traceId = trace.getActiveSpan()?.spanContext().traceId;
        if (traceId) response.headers.set("x-trace-id", traceId);
      },
    },
  ];
}
