import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { namesLoopback } from "../runtime/config.js";
import { errorBody } from "./error-response.js";

/**
 * Dev mode on a loopback address answers only requests that name a loopback host: a web page that
 * rebinds its own DNS name to 127.0.0.1 (DNS rebinding) reaches the port but sends its own name as
 * Host, so it gets neither GraphiQL with the demo session's token nor anything else. Checked before Yoga,
 * whose GraphiQL and /health answer ahead of any plugin.
 */
export function loopbackHostsOnly(handler: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (namesLoopback(req.headers.host ?? "")) return handler(req, res);
    const body = errorBody("FORBIDDEN_HOST", "Dev mode answers only localhost, 127.0.0.1 or [::1] as Host.");
    res.writeHead(403, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  };
}
