import type { FetchAPI } from "graphql-yoga";

/** A GraphQL-shaped error answer for a request refused before it became an operation. */
export function errorResponse(fetchAPI: FetchAPI, status: number, code: string, message: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
