import type { Server, ServerOptions } from "node:http";
import type { Socket } from "node:net";
import type { Config } from "../runtime/config.js";
import { OpenCounts } from "./counts.js";

/**
 * The HTTP server's own bounds on what a client can hold open: how long a request may take to arrive
 * (REQUEST_TIMEOUT_MS; a body trickled a byte at a time is cut off), its headers (HEADERS_TIMEOUT_MS),
 * an idle keep-alive connection (KEEP_ALIVE_TIMEOUT_MS), and how many connections one address may hold
 * at once (CONNECTIONS_PER_ADDRESS: past it a new one is closed at once, before anything is read). Behind
 * proxies (TRUST_PROXY) every connection comes from a proxy, so the per-address budget is off by
 * default there: the proxy keeps it (nginx `limit_conn`, Envoy's connection limits).
 */
export function serverTimeouts(limits: Config["connections"]): ServerOptions {
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for requests past those timeouts (30 s by default: a timeout could run 30 s late).
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  };
}

/** Closes a new connection at once when its address already holds CONNECTIONS_PER_ADDRESS. */
export function boundConnections(server: Server, limits: Config["connections"], onRefused: () => void): void {
  if (limits.perAddress === 0) return;
  const open = new OpenCounts();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "unknown";
    if (open.get(address) >= limits.perAddress) {
      onRefused();
      socket.destroy();
      return;
    }
    open.add(address);
    socket.once("close", () => open.remove(address));
  });
}
