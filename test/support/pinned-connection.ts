import { Agent } from "node:http";
import { expect, vi } from "vitest";
import { postOver } from "./from-address.js";
import type { GatewayProcess } from "./gateway-process.js";

/** One kept-alive connection to a gateway of several workers, and the pid of the worker that holds it. */
export interface PinnedConnection {
  agent: Agent;
  pid: number;
}

let pinned = 0;

/**
 * A new kept-alive connection (node:cluster hands each new one to the next free worker), and the pid of the
 * worker that holds it, read from its first operation's log line (the gateway logs at info).
 */
export async function pinConnection(gateway: GatewayProcess): Promise<PinnedConnection> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const reqId = `pinned-connection-${++pinned}`;
  await postOver(agent, gateway.url, { query: "query Pin { __typename }" }, { "x-request-id": reqId });
  const line = await vi.waitFor(() => {
    const found = gateway.logs.find((l) => l.reqId === reqId);
    expect(found).toBeDefined();
    return found as { pid: number };
  });
  return { agent, pid: line.pid };
}
