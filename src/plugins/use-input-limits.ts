import { createGraphQLError, type Plugin } from "graphql-yoga";
import { documentIdsOf } from "../documents/document-id.js";

/** A trusted document's id: a SHA-256, hex, optionally `sha256:`-prefixed (Code Generator's and Apollo's form). */
const DOCUMENT_ID = /^(sha256:)?[0-9a-f]{64}$/;

const refused = (code: string, message: string) =>
  createGraphQLError(message, { extensions: { code, http: { status: 400 } } });

/** How deeply `value` nests, counted without recursion (a 400,000-deep value must not overflow the stack), up to `limit + 1`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== "object" || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export interface InputLimits {
  maxDocumentBytes: number;
  maxVariablesDepth: number;
}

/**
 * What a request may make the gateway hold or walk, checked before anything looks it up, caches it or
 * parses it: a document id has the shape of a hash (so no lookup, cache or log ever keeps a
 * client-chosen string of any length), an operation's text is at most MAX_DOCUMENT_BYTES with its
 * comments (the token limit does not count comments, and the parser's cache keeps whole texts), and
 * variables and extensions nest at most MAX_VARIABLES_DEPTH deep (anything that walks them, the answer
 * cache's key included, would otherwise overflow the stack).
 */
export function useInputLimits(limits: InputLimits): Plugin {
  return {
    onParams({ params }) {
      for (const id of documentIdsOf(params)) {
        if (id !== undefined && !(typeof id === "string" && DOCUMENT_ID.test(id))) {
          // Apollo's code for an id nothing has, so clients branch as on any miss; no lookup is made.
          throw refused(
            "PERSISTED_QUERY_NOT_FOUND",
            "PersistedQueryNotFound: no trusted document has this id. A document id is a SHA-256 hash: 64 lower-case hex digits, optionally prefixed sha256:.",
          );
        }
      }
      if (typeof params.query === "string" && Buffer.byteLength(params.query) > limits.maxDocumentBytes) {
        throw refused(
          "DOCUMENT_TOO_LARGE",
          `The operation's text is larger than ${limits.maxDocumentBytes} bytes (MAX_DOCUMENT_BYTES), comments included.`,
        );
      }
      for (const [name, value] of [
        ["variables", params.variables],
        ["extensions", params.extensions],
      ] as const) {
        if (depthOf(value, limits.maxVariablesDepth) > limits.maxVariablesDepth) {
          throw refused(
            "BAD_USER_INPUT",
            `The request's ${name} nest deeper than ${limits.maxVariablesDepth} levels (MAX_VARIABLES_DEPTH).`,
          );
        }
      }
    },
  };
}
