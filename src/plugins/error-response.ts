import type { FetchAPI } from "graphql-yoga";

/** The body of a GraphQL-shaped error answer: one error, with its code. */
export const errorBody = (code: string, message: string) =>
  JSON.stringify({ errors: [{ message, extensions: { code } }] });

/** A GraphQL-shaped error answer for a request refused before it became an operation. */
export function errorResponse(fetchAPI: FetchAPI, status: number, code: string, message: string): Response {
  return new fetchAPI.Response(errorBody(code, message), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
