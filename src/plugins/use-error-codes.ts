import type { ExecutionResult, GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { errorResponse } from "./error-response.js";

/** graphql-js's variable coercion errors ("Variable "$x" got invalid value …", "… of required type … was not provided"). */
const VARIABLE_COERCION = /^Variable "\$[^"]+" /;

/**
 * The code of an error that came without one: BAD_USER_INPUT for a variable of the wrong type or a
 * missing required one (as Apollo Server says, and Apollo Client users branch on), else from the HTTP
 * status the error asks for.
 */
function codeFor(error: GraphQLError): string {
  if (VARIABLE_COERCION.test(error.message)) return "BAD_USER_INPUT";
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  if (status === 403) return "FORBIDDEN";
  if (status !== undefined && status >= 500) return "INTERNAL_SERVER_ERROR";
  return "BAD_REQUEST";
}

function withCodes(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((e) => !e.extensions?.code)) return result;
  const errors = result.errors.map((e) =>
    e.extensions?.code ? e : Object.assign(e, { extensions: { ...e.extensions, code: codeFor(e) } }),
  );
  return { ...result, errors };
}

/**
 * Every error a client receives carries `extensions.code`: errors Yoga's plugins raise without one
 * (CSRF refusals, for instance) get one from their HTTP status, and a request in a media type the
 * gateway does not read gets a GraphQL error body instead of an empty 415. Each code sent is told to
 * `sent` (the metrics' error counter): work done only for answers with errors.
 */
export function useErrorCodes(sent: (code: string) => void): Plugin {
  const coded = (result: ExecutionResult) => {
    const out = withCodes(result);
    for (const e of out.errors ?? []) sent(e.extensions?.code as string);
    return out;
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map((r) => coded(r as ExecutionResult)));
      else if ("errors" in result && result.errors) setResult(coded(result as ExecutionResult));
    },
    onResponse({ response, setResponse, fetchAPI }) {
      if (response.status !== 415) return;
      sent("UNSUPPORTED_MEDIA_TYPE");
      setResponse(
        errorResponse(
          fetchAPI,
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Send GraphQL as application/json (or application/graphql-response+json); this content type is not read.",
        ),
      );
    },
  };
}
