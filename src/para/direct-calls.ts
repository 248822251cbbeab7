import { Environment, Para } from "@getpara/server-sdk";
import type { ParaEnv } from "../config.js";
import type { SdkHttp, SessionClient } from "./session-instance.js";

/**
 * Session management's three calls, sent through the SDK client's own HTTP client (its base URL, API key
 * header, cookie transforms and error interceptors) with the paths and bodies the SDK's methods send.
 *
 * Why not the methods themselves: the SDK's build turns each `async` method into a generator function made
 * afresh on every call, and V8 allocated those in the old space (measured on Node 24, see
 * docs/performance-sdk-cost.md). Dead, they held their instance's young objects through every scavenge until
 * the next full GC: 12 KB of each request's instance promoted per call. Sent from here, nothing is.
 * `directCallsDiffer` checks once per process that these requests are still the SDK's.
 */
export class DirectCalls implements SessionClient {
  constructor(private readonly http: SdkHttp) {}

  async touchSession(): Promise<unknown> {
    return (await this.http.post("/touch?regenerate=false")).data;
  }

  async keepSessionAlive(userId: string): Promise<unknown> {
    return (await this.http.post(`/users/${userId}/session/keep-alive`)).data;
  }

  async issueJwt({ keyIndex }: { keyIndex: number }): Promise<{ token: string; keyId: string }> {
    return (await this.http.post("/auth/jwt", { keyIndex })).data as { token: string; keyId: string };
  }
}

/** What one request asked for: enough to tell two apart. */
type Sent = { method?: string; url?: string; data?: unknown };

/**
 * Undefined when each direct call sends exactly what the SDK's own method sends (method, path, body),
 * else which one differs. Sends nothing to Para: both go to an adapter that only records them.
 */
export async function directCallsDiffer(env: ParaEnv, apiKey: string): Promise<string | undefined> {
  const para = new Para(Environment[env], apiKey, { useStorageOverrides: true, disableWebSockets: true });
  const sdk = para.ctx?.client as unknown as (SessionClient & { baseRequest?: SdkHttp }) | undefined;
  if (!sdk?.baseRequest) return "the SDK client has no baseRequest";
  const sent: Sent[] = [];
  sdk.baseRequest.defaults.adapter = async (config: Sent) => {
    sent.push({ method: config.method, url: config.url, data: config.data });
    return { data: {}, status: 200, statusText: "OK", headers: {}, config };
  };
  const direct = new DirectCalls(sdk.baseRequest);
  const calls: [string, (client: SessionClient) => Promise<unknown>][] = [
    ["touchSession", (client) => client.touchSession()],
    ["keepSessionAlive", (client) => client.keepSessionAlive("00000000-0000-4000-8000-000000000001")],
    ["issueJwt", (client) => client.issueJwt({ keyIndex: 3 })],
  ];
  for (const [name, call] of calls) {
    sent.length = 0;
    await call(sdk);
    await call(direct);
    const [theirs, ours] = sent.map((request) => JSON.stringify(request));
    if (sent.length !== 2 || theirs !== ours) return `${name}: the SDK sent ${theirs}, the direct call ${ours}`;
  }
  return undefined;
}
