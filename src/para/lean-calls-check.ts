import { Environment, Para } from "@getpara/server-sdk";
import type { ParaEnv } from "../runtime/config.js";
import { LeanInstance } from "./lean-instance.js";
import type { SdkHttp, SessionClient } from "./session-instance.js";

/** What one request asked for: enough to tell two apart. */
type Sent = { method?: string; url?: string; data?: unknown; headers?: { toJSON?: () => unknown } };

/**
 * Undefined when each of a lean instance's calls sends exactly what the client of a `Para` instance sends
 * through its own method (method, path, body and headers: the API key, the SDK's version), else which one
 * differs. Sends nothing to Para: both clients' HTTP clients get an adapter that only records.
 */
export async function leanCallsDiffer(env: ParaEnv, apiKey: string): Promise<string | undefined> {
  const para = new Para(Environment[env], apiKey, { useStorageOverrides: true, disableWebSockets: true });
  const sdk = para.ctx?.client as unknown as (SessionClient & { baseRequest?: SdkHttp }) | undefined;
  if (!sdk?.baseRequest) return "the SDK client has no baseRequest";
  const lean = new LeanInstance(env, apiKey);
  const sent: string[] = [];
  const record = async (config: Sent) => {
    const { method, url, data, headers } = config;
    sent.push(JSON.stringify({ method, url, data, headers: headers?.toJSON?.() ?? headers }));
    return { data: {}, status: 200, statusText: "OK", headers: {}, config };
  };
  sdk.baseRequest.defaults.adapter = record;
  lean.http.defaults.adapter = record;
  const calls: [string, (client: SessionClient) => Promise<unknown>][] = [
    ["touchSession", (client) => client.touchSession()],
    ["keepSessionAlive", (client) => client.keepSessionAlive("00000000-0000-4000-8000-000000000001")],
    ["issueJwt", (client) => client.issueJwt({ keyIndex: 3 })],
  ];
  for (const [name, call] of calls) {
    sent.length = 0;
    await call(sdk);
    await call(lean.client);
    const [theirs, ours] = sent;
    if (sent.length !== 2 || theirs !== ours) return `${name}: the SDK sent ${theirs}, the lean instance ${ours}`;
  }
  return undefined;
}
