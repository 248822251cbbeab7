import type { Plugin } from "graphql-yoga";
import { namesLoopback } from "../config.js";
import { errorResponse } from "./error-response.js";

/**
 * Dev mode on a loopback address answers only requests that name a loopback host: a web page that
 * rebinds its own DNS name to 127.0.0.1 (DNS rebinding) reaches the port but sends its own name as
 * Host, so it gets neither GraphiQL with the demo session's token nor anything else.
 */
export function useLoopbackHost(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (namesLoopback(request.headers.get("host") ?? "")) return;
      endResponse(
        errorResponse(fetchAPI, 403, "FORBIDDEN_HOST", "Dev mode answers only localhost, 127.0.0.1 or [::1] as Host."),
      );
    },
  };
}
