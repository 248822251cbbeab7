import { Agent, type AgentOptions, globalAgent } from "node:http";
import https from "node:https";
import { Environment, Para } from "@getpara/server-sdk";
import type { ParaEnv } from "../config.js";
import { DirectCalls } from "./direct-calls.js";
import { decodeBlob } from "./session-blob.js";
import type { SdkHttp, SessionClient, SessionInstance } from "./session-instance.js";

/** The header Para's API reads and renews the session cookie in (the SDK's SESSION_COOKIE_HEADER_NAME). */
const SESSION_HEADER = "x-capsule-sid";

/** The TCP keep-alive delay axios sets on the socket of every request it sends. */
const AXIOS_SOCKET_KEEPALIVE_MS = 60_000;

/**
 * The connections to Para: pools like Node's global agents (keep-alive, LIFO, idle sockets closed after
 * 5 s), whose TCP keep-alive delay is axios's. With the global agents', 1 s, every call flipped it twice
 * (axios setting 60 s, the agent setting 1 s back when the socket returned to the pool): eight `setsockopt`
 * calls per call to Para. Shared by every instance as the global agents are; a socket carries no session
 * (the cookie goes in each request's header).
 */
const agentOptions = {
  keepAlive: true,
  keepAliveMsecs: AXIOS_SOCKET_KEEPALIVE_MS,
  scheduling: "lifo",
  timeout: 5_000,
} as const;
/** Node's own proxy settings (NODE_USE_ENV_PROXY), when the global agent has them, go along. */
const like = (global: Agent) => ({
  ...agentOptions,
  proxyEnv: (global as unknown as { options: AgentOptions }).options.proxyEnv,
});
const agents = {
  httpAgent: new Agent(like(globalAgent)),
  httpsAgent: new https.Agent(like(https.globalAgent)),
};

type Transform = (data: unknown, headers: Record<string, unknown>) => unknown;

/**
 * A fresh SDK instance that is only what session management uses: its client of Para's API.
 *
 * Built with the SDK's public `useStorageOverrides` option, the constructor stops once the instance's
 * client exists: it creates none of the services, the three browser state machines (core, auth, wallet),
 * the method binding and the start-up run that a full instance pays for on every request (about 80% of
 * the SDK's CPU per operation, see docs/performance-sdk-cost.md), and sends nothing to Para. The session's
 * cookie lives on this object, which is this request's alone: it goes out in the `x-capsule-sid` header
 * of every call, and a renewed cookie Para answers with replaces it, exactly what the SDK's own hooks do
 * (those write into the services this instance does not have, so ours run first and take the header).
 *
 * Leans on the SDK's internals (the client's axios defaults), pinned by test/para/lean-startup.test.ts;
 * anything missing throws `SDK changed: …`, and the factory then builds a full instance instead.
 */
export class LeanInstance implements SessionInstance {
  readonly client: SessionClient;
  /** The SDK client's own HTTP client, which every call goes through, direct or not. */
  readonly http: SdkHttp;
  private cookie: string | undefined;

  /** `direct`: the three calls go out as DirectCalls (checked by directCallsDiffer), not through the SDK's methods. */
  constructor(env: ParaEnv, apiKey: string, direct = false) {
    const para = new Para(Environment[env], apiKey, { useStorageOverrides: true, disableWebSockets: true });
    const client = para.ctx?.client as unknown as (SessionClient & { baseRequest?: SdkHttp }) | undefined;
    const http = client?.baseRequest;
    const defaults = http?.defaults;
    if (!client || !http || !defaults)
      throw new Error("SDK changed: a useStorageOverrides instance has no ctx.client.baseRequest");
    for (const method of ["touchSession", "keepSessionAlive", "issueJwt"] as const) {
      if (typeof client[method] !== "function") throw new Error(`SDK changed: ctx.client.${method} is missing`);
    }
    const { transformRequest, transformResponse } = defaults;
    if (!Array.isArray(transformRequest) || !Array.isArray(transformResponse)) {
      throw new Error("SDK changed: the client's axios transforms are not arrays");
    }
    const sendCookie: Transform = (data, headers) => {
      if (this.cookie) headers[SESSION_HEADER] = this.cookie;
      return data;
    };
    const keepRenewedCookie: Transform = (data, headers) => {
      const renewed = headers?.[SESSION_HEADER];
      if (typeof renewed === "string" && renewed.length > 0) this.cookie = renewed;
      // Taken here: the SDK's own hook would write it into the session service this instance lacks.
      if (headers) delete headers[SESSION_HEADER];
      return data;
    };
    defaults.transformRequest = [sendCookie, ...transformRequest];
    defaults.transformResponse = [keepRenewedCookie, ...transformResponse];
    // Para's API does not redirect: plain http(s) instead of the follow-redirects wrapper on every call.
    defaults.maxRedirects = 0;
    Object.assign(defaults, agents);
    this.http = http;
    this.client = direct ? new DirectCalls(http) : client;
  }

  /**
   * What the SDK's importSession keeps of a session that later calls use: its cookie. The blob has passed
   * the gateway's own checks (parseSessionBlob) before it was stored or imported.
   */
  async importSession(blob: string): Promise<void> {
    if (this.cookie !== undefined) throw new Error("Cannot import a session into an instance that already has one.");
    const session = decodeBlob(blob);
    const cookie = (session as { sessionCookie?: unknown } | null)?.sessionCookie;
    if (typeof cookie !== "string" || cookie.length === 0) throw new Error("the session has no sessionCookie");
    this.cookie = cookie;
  }

  sessionCookie(): string | undefined {
    return this.cookie;
  }
}
