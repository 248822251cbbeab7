import type { Plugin } from "graphql-yoga";

/**
 * A request refused before it ran (a document the gateway does not know or runs not, input over a
 * bound), asked for as Server-Sent Events, answered with 200: Yoga writes the refusal as a `next` event
 * with the errors, then `complete`, but with its HTTP status, and graphql-sse's client reads no body of
 * a status other than 200 ("Server responded with 400: Bad Request"). With 200 it hands the errors,
 * code and message, to the subscriber, as it does a validation or an authentication error. A 429 keeps
 * its status: a later try can succeed, and graphql-sse retries what it takes for a network error.
 */
export function useReadableStreamRefusals(): Plugin {
  return {
    onResponse({ response, setResponse, fetchAPI }) {
      const refused = response.status >= 400 && response.status < 500 && response.status !== 429;
      if (!refused || !response.headers.get("content-type")?.startsWith("text/event-stream")) return;
      setResponse(new fetchAPI.Response(response.body, { status: 200, headers: response.headers }));
    },
  };
}
