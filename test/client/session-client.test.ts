import { ApolloClient, InMemoryCache } from "@apollo/client";
import type { DocumentNode } from "graphql";
import {
  CurrentSessionDocument,
  documentIdFor,
  EndSessionDocument,
  IssueJwtDocument,
  KeepSessionAliveDocument,
  MySessionsDocument,
  SessionClient,
  type SessionState,
} from "para-graphql-gateway/client";
import { connectApolloCache, createGatewayLink, typePolicies } from "para-graphql-gateway/client/apollo";
import { afterEach, describe, expect, it } from "vitest";
import { metric } from "../support/metrics.js";
import { useStack } from "../support/stack.js";

// The session client and its Apollo wiring against a production gateway: trusted documents only.
const stack = useStack({ PERSISTED_OPERATIONS: "only", SESSION_EXPIRING_NOTICE_MS: "1000" });
const clients: SessionClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.dispose();
  await stack.admin.configure({ fault: { mode: "none" }, latencyMs: 0 });
  await expect.poll(() => metric(stack.gateway.url, "para_gateway_event_streams")).toBe(0);
});

function sessionClient(options: { channel?: string | false; events?: boolean } = {}) {
  const client = new SessionClient({
    url: stack.gateway.url,
    keepAlive: { policy: "none" },
    channel: false,
    offlineRetryMs: 200,
    ...options,
  });
  clients.push(client);
  return client;
}

async function exported(userId?: string) {
  const id = userId ?? (await stack.admin.createUser()).userId;
  return { userId: id, ...(await stack.admin.createSession(id, { excludeSigners: true })) };
}

/** Another device with the same handle, sending a trusted document by its hash. */
async function elsewhere(client: SessionClient, document: DocumentNode) {
  const res = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...client.headers() },
    body: JSON.stringify({ documentId: documentIdFor(document) }),
  });
  expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
}

/** Para's expiries are whole seconds: a second later, an extension moves them. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100));

const statusOf = (client: SessionClient) => client.getState().status;

describe("the session client", () => {
  it("follows the session's life: signed in, extended by an event, offline in an outage, ended elsewhere", async () => {
    const client = sessionClient();
    const seen: SessionState["status"][] = [];
    client.subscribe((state) => seen.push(state.status));
    const { session } = await exported();
    const signedIn = await client.signIn(session);
    expect(signedIn.status).toBe("active");
    const before = signedIn.session?.expiresAt as string;
    await expect.poll(() => metric(stack.gateway.url, "para_gateway_event_streams")).toBe(1);

    // Another device with the same handle extends it: the EXTENDED event moves this client's expiry.
    await nextSecond();
    await elsewhere(client, KeepSessionAliveDocument);
    await expect.poll(() => client.getState().session?.expiresAt).not.toBe(before);

    // Para away: offline, the session kept; back: active again.
    await stack.admin.configure({ fault: { mode: "status", status: 503 } });
    await client.restore();
    expect(client.getState()).toMatchObject({ status: "offline", error: { isOutage: true } });
    expect(client.getState().session?.id).toBe(signedIn.session?.id);
    await stack.admin.configure({ fault: { mode: "none" } });
    await expect.poll(() => statusOf(client)).toBe("active");

    // Ended on another device: ENDED over SSE signs this client out.
    await elsewhere(client, EndSessionDocument);
    await expect.poll(() => statusOf(client)).toBe("ended");
    expect(client.getState().session).toBeNull();
    expect(seen).toEqual(expect.arrayContaining(["active", "offline", "ended"]));
  });

  it("says expired when Para ends the session, and re-issues a JWT only near its expiry", async () => {
    const client = sessionClient({ events: false });
    const { session, verificationToken } = await exported();
    await client.signIn(session);
    const first = await client.getJwt();
    expect(await client.getJwt()).toBe(first);
    expect(client.jwtRenewalDueInMs()).toBeGreaterThan(60_000);
    await stack.admin.expireSession(verificationToken);
    expect(await client.keepAlive()).toBe(false);
    expect(statusOf(client)).toBe("expired");
  });

  it("shares sign-in and sign-out with the other tabs of the origin", async () => {
    const channel = `tabs-${Math.random()}`;
    const [one, two] = [sessionClient({ channel, events: false }), sessionClient({ channel, events: false })];
    await one.signIn((await exported()).session);
    await expect.poll(() => statusOf(two)).toBe("active");
    expect(two.getState().session?.id).toBe(one.getState().session?.id);
    // The second tab signs out with the handle it was given; the first follows.
    await two.signOut();
    await expect.poll(() => statusOf(one)).toBe("signed-out");
  });

  it("in cookie mode keeps no token: the gateway's HttpOnly cookie carries the session, events included", async () => {
    // Node's fetch keeps no cookies; this jar does what a browser's does for the gateway's one cookie.
    let cookie = "";
    const withJar: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (cookie) headers.set("cookie", cookie);
      const response = await fetch(input, { ...init, headers });
      const set = response.headers.get("set-cookie");
      if (set) cookie = /max-age=0/i.test(set) ? "" : (set.split(";")[0] ?? "");
      return response;
    };
    const storage = new Map<string, string>();
    const client = new SessionClient({
      url: stack.gateway.url,
      mode: "cookie",
      keepAlive: { policy: "none" },
      channel: false,
      fetch: withJar,
      storage: {
        getItem: (key) => storage.get(key) ?? null,
        setItem: (key, value) => void storage.set(key, value),
        removeItem: (key) => void storage.delete(key),
      },
    });
    clients.push(client);
    await client.signIn((await exported()).session);
    expect(cookie).toMatch(/^__Host-para_session=/);
    expect(client.headers()).toEqual({});
    expect(storage.size).toBe(0);
    expect((await client.restore()).status).toBe("active");
    await expect.poll(() => metric(stack.gateway.url, "para_gateway_event_streams")).toBe(1);
    const before = client.getState().session?.expiresAt;
    await nextSecond();
    expect(await client.keepAlive()).toBe(true);
    expect(client.getState().session?.expiresAt).not.toBe(before);
    await client.signOut();
    expect(cookie).toBe("");
    expect(statusOf(client)).toBe("signed-out");
  });

  it("switching to another user leaves nothing of the first", async () => {
    const client = sessionClient({ events: false });
    const a = await exported();
    const b = await exported();
    await client.signIn(a.session);
    await client.signIn(b.session);
    expect(client.getState().session?.userId).toBe(b.userId);
    const { session } = await client.request(CurrentSessionDocument);
    expect(session?.userId).toBe(b.userId);
  });
});

describe("Apollo's cache through connectApolloCache", () => {
  function apollo(client: SessionClient) {
    const cache = new InMemoryCache({ typePolicies });
    const apolloClient = new ApolloClient({ link: createGatewayLink(client), cache });
    connectApolloCache(client, apolloClient);
    return { apolloClient, cache };
  }

  it("keeps the expiry right after issueJwt and an EXTENDED event, and drops an ended session from mySessions", async () => {
    const client = sessionClient();
    const { apolloClient, cache } = apollo(client);
    const a = await exported();
    await client.signIn(a.session);
    const other = sessionClient({ events: false });
    await other.signIn((await exported(a.userId)).session);
    const read = () => apolloClient.readQuery({ query: CurrentSessionDocument })?.session?.expiresAt;
    const imported = (await apolloClient.query({ query: CurrentSessionDocument })).data?.session?.expiresAt;

    await nextSecond();
    const issued = await apolloClient.mutate({ mutation: IssueJwtDocument, variables: {} });
    expect(issued.data?.issueJwt.session.expiresAt).not.toBe(imported);
    expect(read()).toBe(issued.data?.issueJwt.session.expiresAt);

    await nextSecond();
    await elsewhere(client, KeepSessionAliveDocument);
    await expect.poll(read).not.toBe(issued.data?.issueJwt.session.expiresAt);
    expect(read()).toBe(client.getState().session?.expiresAt);

    const listed = await apolloClient.query({ query: MySessionsDocument });
    expect(listed.data?.mySessions).toHaveLength(2);
    const otherId = other.getState().session?.id as string;
    expect(await client.end(otherId)).toBe(true);
    const left = apolloClient.readQuery({ query: MySessionsDocument })?.mySessions.map((s) => s.id);
    expect(left).toEqual([client.getState().session?.id]);

    // Answers are not things: only sessions, their summaries and wallets are stored as entities.
    const kinds = new Set(Object.keys(cache.extract()).map((key) => key.split(":")[0]));
    expect([...kinds].sort()).toEqual(["ROOT_MUTATION", "ROOT_QUERY", "Session", "SessionSummary", "Wallet"]);
    apolloClient.stop();
  });

  it("clears the previous user's data on a user switch", async () => {
    const client = sessionClient({ events: false });
    const { apolloClient } = apollo(client);
    const a = await exported();
    await client.signIn(a.session);
    await apolloClient.query({ query: CurrentSessionDocument });
    await client.signIn((await exported()).session);
    await expect.poll(() => apolloClient.readQuery({ query: CurrentSessionDocument })).toBeNull();
    const fresh = await apolloClient.query({ query: CurrentSessionDocument });
    expect(fresh.data?.session?.userId).not.toBe(a.userId);
    apolloClient.stop();
  });
});
