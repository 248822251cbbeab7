import type { DocumentNode } from "graphql";
import { createClient, type ExecutionResult, type RequestParams } from "graphql-sse";
import { documentIdFor } from "./document-id.js";
import type { Credentials } from "./session/transport.js";

/** Where subscriptions go and how the session travels with them. */
export interface SseTarget {
  url: string;
  credentials: Credentials;
  headers: () => Record<string, string>;
}

export interface SseSink<TData> {
  next: (result: ExecutionResult<TData>) => void;
  error: (error: unknown) => void;
  complete: () => void;
}

const RETRY_CAP_MS = 30_000;

/**
 * A subscription over Server-Sent Events (graphql-sse's client, distinct connections, as Yoga serves
 * them), sending the trusted document's hash in Apollo's persistedQuery extension and no text. A
 * dropped connection is retried with a capped exponential wait; a refusal (GraphQL errors) is not.
 * Returns the function that ends it.
 */
export function subscribeTrusted<TData>(
  target: SseTarget,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  sink: SseSink<TData>,
): () => void {
  const client = createClient({
    url: target.url,
    credentials: target.credentials === "include" ? "include" : "same-origin",
    headers: target.headers,
    retryAttempts: 8,
    retry: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_CAP_MS, 500 * 2 ** retries))),
  });
  const sha256Hash = documentIdFor(document);
  // graphql-sse's type insists on a query text; the gateway takes the hash instead.
  const request = { variables, extensions: { persistedQuery: { version: 1, sha256Hash } } } as unknown as RequestParams;
  const dispose = client.subscribe<TData>(request, sink);
  return () => {
    dispose();
    client.dispose();
  };
}
