import { recordResponse, registerLogSecret } from "./leak-watch.js";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: string[]; extensions?: { code?: string } & Record<string, unknown> }[] | undefined;
  headers: Headers;
}

/** A plain GraphQL-over-HTTP POST, as any client sends it. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  recordResponse(text);
  for (const [, token] of text.matchAll(/"sessionToken":"([^"]+)"/g)) registerLogSecret(token as string);
  const body = JSON.parse(text) as { data?: T | null; errors?: GraphQLResponse["errors"] };
  return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The codes of a response's errors, in order. */
export const codes = (res: GraphQLResponse<unknown>) => (res.errors ?? []).map((e) => e.extensions?.code);
