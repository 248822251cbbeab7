import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { documentIdFor } from "../document-id.js";
import { ParaGatewayError } from "../gateway-error.js";

/** fetch's `credentials`, without needing the DOM's types. */
export type Credentials = "omit" | "same-origin" | "include";

/** How the session travels: a bearer token the client keeps, or the gateway's HttpOnly cookie. */
export type SessionMode = "bearer" | "cookie";

export interface TransportOptions {
  /** The gateway's GraphQL endpoint, e.g. https://gateway.example.com/graphql. */
  url: string;
  mode: SessionMode;
  fetch: typeof fetch;
  /** The bearer token, when the mode is bearer and the client holds one. */
  token: () => string | null;
}

export type Transport = ReturnType<typeof createTransport>;

/** Trusted documents by hash over POST, the session as a bearer token or a cookie; errors as ParaGatewayError. */
export function createTransport(options: TransportOptions) {
  const headers = (): Record<string, string> => {
    const token = options.mode === "bearer" ? options.token() : null;
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const credentials: Credentials = options.mode === "cookie" ? "include" : "same-origin";

  async function request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
  ): Promise<TData> {
    let response: Response;
    try {
      response = await options.fetch(options.url, {
        method: "POST",
        credentials,
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...headers(),
        },
        body: JSON.stringify({ documentId: documentIdFor(document), variables: variables ?? {} }),
      });
    } catch (error) {
      throw new ParaGatewayError("NETWORK_ERROR", `The gateway could not be reached: ${String(error)}`);
    }
    const body = (await response.json().catch(() => null)) as {
      data?: TData | null;
      errors?: { message: string; extensions?: { code?: unknown } }[];
    } | null;
    if (body?.errors?.length) throw ParaGatewayError.fromErrors(body.errors, response.status);
    if (!body?.data)
      throw new ParaGatewayError("NETWORK_ERROR", `The gateway answered HTTP ${response.status} without data.`);
    return body.data;
  }

  return { request, headers, credentials, url: options.url, fetch: options.fetch };
}
