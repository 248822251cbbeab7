import type { DocumentNode } from "graphql";
import { createClient, type ExecutionResult, type RequestParams } from "graphql-sse";
import { documentIdFor } from "./document-id.js";
import type { Credentials } from "./session/transport.js";

/** Where subscriptions go and how the session travels with them. */
export interface SseTarget {
  url: string;
  credentials: Credentials;
  headers: () => Record<string, string>;
  /** The fetch to use (the app's, e.g. with a cookie jar outside a browser); the global one otherwise. */
  fetch?: typeof fetch;
}

export interface SseSink<TData> {
  next: (result: ExecutionResult<TData>) => void;
  error: (error: unknown) => void;
  complete: () => void;
}

const RETRY_CAP_MS = 30_000;

/** The GraphQL errors a refused stream's answer carries, or one naming its status. */
async function refusalOf(response: Response): Promise<unknown[]> {
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { errors?: unknown[] } | null;
  return body?.errors?.length
    ? body.errors
    : [{ message: `The gateway refused the stream (HTTP ${response.status}).`, extensions: { code: "BAD_REQUEST" } }];
}

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
  // graphql-sse retries every answer that is not 2xx; a refusal (a 4xx but 408 and 429) is final, so the
  // wait before a retry fails with the refusal's own errors instead.
  let refusal: unknown[] | null = null;
  const client = createClient({
    url: target.url,
    credentials: target.credentials === "include" ? "include" : "same-origin",
    headers: target.headers,
    fetchFn: async (...args: Parameters<typeof fetch>) => {
      const response = await (target.fetch ?? fetch)(...args);
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)
        refusal = await refusalOf(response);
      return response;
    },
    retryAttempts: 8,
    retry: async (retries) => {
      if (refusal) throw refusal;
      await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_CAP_MS, 500 * 2 ** retries)));
    },
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
