import type { SdkHttp, SessionClient } from "./session-instance.js";

/**
 * Session management's three calls, sent through the SDK client's own HTTP client (its base URL, API key
 * header, cookie transforms and error interceptors) with the paths and bodies the SDK's methods send.
 *
 * Why not the methods themselves: the SDK's build turns each `async` method into a generator function made
 * afresh on every call, and V8 allocated those in the old space (measured on Node 24, see
 * docs/performance-sdk-cost.md). Dead, they held their instance's young objects through every scavenge until
 * the next full GC: 12 KB of each request's instance promoted per call. Sent from here, nothing is.
 * `leanCallsDiffer` checks once per process that these requests are still the SDK's.
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
