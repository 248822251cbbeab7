import { Agent, type AgentOptions, globalAgent } from "node:http";
import https from "node:https";
import * as sdk from "@getpara/server-sdk";
import { Environment, Para } from "@getpara/server-sdk";
import type { ParaEnv } from "../runtime/config.js";
import { DirectCalls } from "./direct-calls.js";
import { decodeBlob } from "./session-blob.js";
import type { SdkHttp, SessionClient, SessionInstance } from "./session-instance.js";

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

/** The SDK's factory of its Para API client, looked up so that an SDK without it falls back instead of failing to load. */
const { initClient } = sdk as Partial<typeof sdk>;

/**
 * A fresh SDK instance that is only what session management uses: the SDK's client of Para's API, built
 * by the SDK's own public `initClient` with the arguments a `Para` instance's constructor gives it.
 *
 * None of a `Para` instance's services, browser state machines (core, auth, wallet), method binding and
 * start-up run, which a full instance pays for on every request (about 80% of the SDK's CPU per
 * operation, see docs/performance-sdk-cost.md), and nothing sent to Para. The session's cookie lives on
 * this object, which is this request's alone: the client's own hooks read it into the `x-capsule-sid`
 * header of every call and hand back the renewed one Para answers with. The three calls go out as
 * DirectCalls through the client's HTTP client; `leanCallsDiffer` checks once per process that they send
 * exactly what a `Para` instance's client methods send.
 *
 * Leans on the SDK's internals (the client's axios instance), pinned by test/para/lean-startup.test.ts;
 * anything missing throws `SDK changed: …`, and the factory then builds a full instance instead.
 */
export class LeanInstance implements SessionInstance {
  readonly client: SessionClient;
  /** The SDK client's own HTTP client, which every call goes through. */
  readonly http: SdkHttp;
  private cookie: string | undefined;

  constructor(env: ParaEnv, apiKey: string) {
    if (typeof initClient !== "function") throw new Error("SDK changed: initClient is no longer exported");
    const client = initClient({
      env: Environment[env],
      version: Para.version,
      apiKey,
      retrieveSessionCookie: () => this.cookie ?? "",
      persistSessionCookie: (cookie) => {
        this.cookie = cookie;
      },
    }) as unknown as { baseRequest?: SdkHttp };
    const http = client.baseRequest;
    if (!http?.defaults) throw new Error("SDK changed: the SDK's client has no baseRequest");
    // Para's API does not redirect: plain http(s) instead of the follow-redirects wrapper on every call.
    http.defaults.maxRedirects = 0;
    Object.assign(http.defaults, agents);
    this.http = http;
    this.client = new DirectCalls(http);
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
