import type { Plugin } from "graphql-yoga";
import { errorResponse } from "./error-response.js";

const CONTENT_LENGTH = /^\d+$/;
/** A refused body up to this many times the limit is read and discarded, so that its sender reads the 413. */
const DRAIN_FACTOR = 10;

/**
 * Request bodies of at most `maxBytes`, judged by Content-Length before anything is read: Node's HTTP
 * parser then reads exactly that many bytes, so no body can be longer. A body without a length
 * (chunked) is refused with 411; GraphQL clients (fetch, Apollo Client, curl) send the length.
 * Yoga's own limit (maxRequestBodySize) pipes every body through a stream transform so as to count
 * chunked ones too: that pipe, its streams and abort signals were over half the CPU of a cached
 * verify answer, and most of its garbage.
 */
export function useBodyLimit(maxBytes: number, sent: (code: string) => void): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const refuse = (status: number, code: string, message: string, drain = false) => {
        sent(code);
        const response = errorResponse(fetchAPI, status, code, message);
        // Node reads an unread body to its end after the answer (REQUEST_TIMEOUT_MS still bounds how long):
        // closing at once instead would reset the connection under a client still sending, which then
        // reports a network error, never the 413. Past the drain bound, or without a length, it closes.
        if (!drain) response.headers.set("connection", "close");
        endResponse(response);
      };
      const length = request.headers.get("content-length");
      if (length === null) {
        if (request.headers.has("transfer-encoding")) {
          refuse(411, "LENGTH_REQUIRED", "Send the request body with a Content-Length header.");
        }
      } else if (!CONTENT_LENGTH.test(length)) {
        refuse(400, "BAD_REQUEST", "The Content-Length header is invalid.");
      } else if (Number(length) > maxBytes) {
        const drain = Number(length) <= maxBytes * DRAIN_FACTOR;
        refuse(413, "REQUEST_ENTITY_TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`, drain);
      }
    },
  };
}
