import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type Answer, codesOf, postFrom } from "../support/from-address.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { metric } from "../support/metrics.js";
import { IMPORT, ISSUE_JWT, KEEP_ALIVE, SESSION, VERIFY_WALLET } from "../support/operations.js";
import { pooled } from "../support/pooled.js";
import { skipUnless } from "../support/prerequisites.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";
import { SESSION_EVENTS } from "../support/sse.js";

/**
 * The attacks of the resilience review, each at least at the review's strength, against the production
 * build as docs/performance.md sizes it (NODE_ENV=production, the Redis store, MEMORY_LIMIT_MB=256, one worker),
 * while an honest client runs the normal flow from an address of its own. Every attacker and the honest
 * client are distinct loopback addresses, so per-address budgets apply as on a network, with no proxy.
 */
const HONEST = "127.0.0.2";
const MB = 1024 * 1024;

let emulator: Emulator;
let admin: EmulatorAdmin;
let redis: RedisServer;
let gateway: GatewayProcess;
/** Honest operations run across the suite, and those that failed (each with what it got). */
const honest = { ran: 0, failed: [] as string[] };

/** 0 … n-1: the attempts of an attack, each its own index. */
const indices = (n: number) => Array.from({ length: n }, (_, i) => i);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const gql = (from: string, query: string, variables: Record<string, unknown> = {}, headers = {}) =>
  postFrom(from, gateway.url, { query, variables }, headers);

async function blobOf(userId?: string) {
  const user = userId ?? (await admin.createUser()).userId;
  return { userId: user, ...(await admin.createSession(user, { excludeSigners: true })) };
}

/** The session token an import answered with ("" when it was refused). */
const tokenOf = (answer: Answer) =>
  (answer.json.data?.importSession as { sessionToken?: string } | undefined)?.sessionToken ?? "";

const decode = (blob: string) => JSON.parse(Buffer.from(blob, "base64").toString("utf8")) as Record<string, unknown>;
const encode = (json: unknown) => Buffer.from(JSON.stringify(json)).toString("base64");

/**
 * The honest client's normal flow, round after round while `attack` runs: a fresh import, then its
 * session, an extension, a JWT and a wallet check. Every operation must succeed.
 */
async function beside<T>(attack: () => Promise<T>): Promise<T> {
  let attacking = true;
  const flow = (async () => {
    const { session } = await blobOf();
    const imported = await gql(HONEST, IMPORT, { session });
    record("importSession", imported);
    const token = tokenOf(imported);
    const address = (imported.json.data?.importSession as { session: { wallets: { address: string }[] } } | undefined)
      ?.session.wallets[0]?.address;
    while (attacking) {
      record("session", await gql(HONEST, SESSION, {}, bearer(token)));
      record("keepSessionAlive", await gql(HONEST, KEEP_ALIVE, {}, bearer(token)));
      record("issueJwt", await gql(HONEST, ISSUE_JWT, {}, bearer(token)));
      record("verifyWallet", await gql(HONEST, VERIFY_WALLET, { address }));
      await sleep(500); // a busy user's pace, well within RATE_LIMIT_SESSION
    }
  })();
  try {
    return await attack();
  } finally {
    attacking = false;
    await flow;
  }
}

function record(operation: string, answer: Answer) {
  honest.ran++;
  if (answer.status !== 200 || answer.json.errors)
    honest.failed.push(`${operation}: ${answer.status} ${answer.text.slice(0, 200)}`);
}

/** Streams left open by the tests, closed when each test is done with them. */
const holding: AbortController[] = [];

/**
 * Opens a sessionEvents stream; resolves with its answer once it ends, or `open` once it has been answered
 * 200 and stayed open `holdMs`. A refusal is told by its status however long it takes on a busy machine.
 */
function openStream(from: string, token: string, holdMs: number): Promise<Answer | "open"> {
  const hold = new AbortController();
  holding.push(hold);
  const headers = { ...bearer(token), accept: "text/event-stream" };
  return new Promise((resolve, reject) => {
    const onResponse = (status: number) => {
      if (status === 200) void sleep(holdMs).then(() => resolve("open"));
    };
    postFrom(from, gateway.url, { query: SESSION_EVENTS }, headers, { signal: hold.signal, onResponse }).then(
      resolve,
      (e: Error) => reject(hold.signal.aborted ? new Error("closed") : e),
    );
  });
}

describe.skipIf(skipUnless("redis-server"))("under attack, the production build keeps serving", () => {
  beforeAll(async () => {
    emulator = await startEmulator();
    admin = new EmulatorAdmin(emulator.url);
    redis = await startRedis();
    gateway = await startGatewayProcess({
      MEMORY_LIMIT_MB: "256",
      SESSION_STORE: redis.url,
      RATE_LIMITS: "on",
      // The review's allow-mode attack needs it; trusted-document ids are checked in both modes.
      PERSISTED_OPERATIONS: "allow",
      REQUEST_TIMEOUT_MS: "3000",
      HEADERS_TIMEOUT_MS: "3000",
      LOG_LEVEL: "info",
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await redis?.stop();
    await emulator?.close();
  });

  it("78 document ids of 900 KB: PERSISTED_QUERY_NOT_FOUND without a lookup, nothing kept", async () => {
    const answers = await beside(() =>
      pooled(indices(78), 8, () => postFrom("127.0.0.1", gateway.url, { documentId: "a".repeat(900 * 1024) })),
    );
    expect(answers.map((a) => `${a.status} ${codesOf(a)}`)).toEqual(Array(78).fill("400 PERSISTED_QUERY_NOT_FOUND"));
  });

  it("150 comment-padded documents of 900 KB in allow mode: DOCUMENT_TOO_LARGE", async () => {
    const padded = `# ${"x".repeat(900 * 1024)}\n{ __typename }`;
    const answers = await beside(() =>
      pooled(indices(150), 8, () => postFrom("127.0.0.1", gateway.url, { query: padded })),
    );
    expect(new Set(answers.map((a) => `${a.status} ${codesOf(a)}`))).toEqual(new Set(["400 DOCUMENT_TOO_LARGE"]));
  });

  it("a 400,000-deep variable: 400 BAD_USER_INPUT, not a stack overflow", async () => {
    const deep = `${"[".repeat(400_000)}${"]".repeat(400_000)}`;
    const body = `{"query":"query($v: [String]) { __typename }","variables":{"v":${deep}}}`;
    const answer = await beside(() => postFrom("127.0.0.1", gateway.url, body));
    expect([answer.status, ...codesOf(answer)]).toEqual([400, "BAD_USER_INPUT"]);
  });

  it("8,000 streams from one address and one login: STREAMS_PER_USER open, the rest 429 (LIMIT_EXCEEDED, then the session's own RATE_LIMITED)", async () => {
    const { session } = await blobOf();
    const token = tokenOf(await gql("127.0.0.3", IMPORT, { session }));
    const outcomes = await beside(() =>
      pooled(indices(8_000), 100, async () => {
        const answer = await openStream("127.0.0.3", token, 1_500);
        return answer === "open" ? "open" : `${answer.status} ${codesOf(answer)}`;
      }),
    );
    const tally = Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]));
    expect(tally.open).toBe(10);
    expect(Object.keys(tally).sort()).toEqual(["429 LIMIT_EXCEEDED", "429 RATE_LIMITED", "open"]);
    expect((tally["429 LIMIT_EXCEEDED"] ?? 0) + (tally["429 RATE_LIMITED"] ?? 0)).toBe(7_990);
    expect(await metric(gateway.url, "para_gateway_event_streams")).toBe(10);
    for (const hold of holding.splice(0)) hold.abort();
    await expect.poll(() => metric(gateway.url, "para_gateway_event_streams")).toBe(0);
  }, 120_000);

  it("400 imports of one login, padded to every field's bound, then mySessions: at most MAX_SESSIONS_PER_USER kept", async () => {
    const { session, userId } = await blobOf();
    const json = decode(session) as { authInfo: Record<string, unknown> };
    json.authInfo.auth = Object.fromEntries(["a", "b", "c", "d"].map((k) => [k, "p".repeat(512)]));
    const padded = encode(json);
    const tooPadded = encode({
      ...json,
      wallets: Object.fromEntries(
        Object.entries((json as unknown as { wallets: Record<string, object> }).wallets).map(([id, w]) => [
          id,
          { ...w, scheme: "s".repeat(200_000) },
        ]),
      ),
    });
    const { tokens, refused } = await beside(async () => {
      // 14 addresses, under the import budget of 30 a minute each.
      const answers = await pooled(indices(400), 8, (i) =>
        gql(`127.0.0.${10 + (i % 14)}`, IMPORT, { session: padded }),
      );
      const refusedPadding = await gql("127.0.0.9", IMPORT, { session: tooPadded });
      return {
        tokens: answers.map(tokenOf),
        refused: { codes: codesOf(refusedPadding), failures: answers.filter((a) => a.json.errors).map(codesOf) },
      };
    });
    expect(refused.failures).toEqual([]);
    expect(refused.codes).toEqual(["BAD_USER_INPUT"]);
    const last = tokens.at(-1) as string;
    const lists = await beside(() =>
      pooled(indices(100), 10, () => gql("127.0.0.24", "{ mySessions { id current } }", {}, bearer(last))),
    );
    for (const list of lists) {
      expect(list.json.errors).toBeUndefined();
      const sessions = list.json.data?.mySessions as { current: boolean }[];
      expect(sessions.length).toBeLessThanOrEqual(20);
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
    }
    expect(userId).toBeTruthy();
  }, 120_000);

  it("60 managed imports of one blob: MAX_MANAGED_SESSIONS_PER_USER kept alive, the rest LIMIT_EXCEEDED", async () => {
    const { session } = await blobOf();
    const managed = `mutation($s: String!) { importSession(session: $s, keepAlive: true) { sessionToken } }`;
    const answers = await beside(() =>
      pooled(indices(60), 4, (i) => gql(i % 2 ? "127.0.0.40" : "127.0.0.41", managed, { s: session })),
    );
    const outcomes = answers.map((a) => codesOf(a)[0] ?? "OK");
    expect(outcomes.filter((o) => o === "OK")).toHaveLength(5);
    expect(outcomes.filter((o) => o === "LIMIT_EXCEEDED")).toHaveLength(55);
  });

  it("padded-cookie imports from 2 addresses: BAD_USER_INPUT before Para sees them, and the breaker stays shut", async () => {
    const { session } = await blobOf();
    const forged = encode({ ...decode(session), sessionCookie: `capsule.sid=${"x".repeat(17 * 1024)}; Path=/` });
    const answers = await beside(() =>
      pooled(indices(120), 4, (i) => gql(i % 2 ? "127.0.0.50" : "127.0.0.51", IMPORT, { session: forged })),
    );
    const limited = answers.filter((a) => codesOf(a)[0] === "RATE_LIMITED").length;
    expect(answers.filter((a) => codesOf(a)[0] === "BAD_USER_INPUT")).toHaveLength(120 - limited);
    expect(limited).toBe(60); // 30 a minute per address
    for (const refused of answers.filter((a) => codesOf(a)[0] === "BAD_USER_INPUT"))
      expect(refused.text).toMatch(/sessionCookie is longer than 4096 bytes/);
    expect(
      await metric(
        gateway.url,
        'para_gateway_upstream_calls_total\\{call="identify",outcome="UPSTREAM_UNAVAILABLE"\\}',
      ),
    ).toBe(0);
  });

  it("30 unknown tokens, then a fresh valid one from the same address: 429 with Retry-After for the 31st unknown, the valid one served", async () => {
    const from = "127.0.0.60";
    for (let i = 0; i < 30; i++)
      expect(codesOf(await gql(from, SESSION, {}, bearer(`stale-${i}`)))).toEqual(["UNAUTHENTICATED"]);
    const limited = await gql(from, SESSION, {}, bearer("stale-31"));
    expect([limited.status, ...codesOf(limited)]).toEqual([429, "RATE_LIMITED"]);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    const { session } = await blobOf();
    const token = tokenOf(await gql(from, IMPORT, { session }));
    const served = await gql(from, SESSION, {}, bearer(token));
    expect(served.json.errors).toBeUndefined();
    expect(served.json.data?.session).toMatchObject({ active: true });
  });

  it("a 5 MB body read by fetch: the 413, not a network error", async () => {
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }", pad: "x".repeat(5 * MB) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      "REQUEST_ENTITY_TOO_LARGE",
    );
  });

  it("a body trickled a byte a second is cut off at REQUEST_TIMEOUT_MS, and 2,000 half-sent requests hold at most CONNECTIONS_PER_ADDRESS", async () => {
    const { port } = new URL(gateway.url);
    const open = (localAddress: string) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host: "127.0.0.1", port: Number(port), localAddress }, () => resolve(socket));
        socket.on("error", () => {});
        socket.once("error", reject);
      });
    const trickle = await open("127.0.0.70");
    const closedAt = new Promise<number>((resolve) => trickle.once("close", () => resolve(Date.now())));
    const started = Date.now();
    trickle.write(
      "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    );
    const dripping = setInterval(() => trickle.writable && trickle.write(" "), 1_000);
    const closedAfter = (await closedAt) - started;
    clearInterval(dripping);
    expect(closedAfter).toBeGreaterThanOrEqual(2_500);
    expect(closedAfter).toBeLessThan(8_000);

    const sockets = await beside(async () => {
      const opened = await pooled(indices(2_000), 200, () => open("127.0.0.71").catch(() => undefined));
      for (const s of opened) s?.write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      await sleep(1_000);
      return opened;
    });
    const stillOpen = sockets.filter((s) => s && !s.destroyed && s.readyState === "open").length;
    expect(stillOpen).toBeLessThanOrEqual(256);
    expect(stillOpen).toBeGreaterThan(0);
    for (const s of sockets) s?.destroy();
  }, 60_000);

  it("50 streams whose sessions expire end with EXPIRED and stop asking Para", async () => {
    // Long enough that every session is still live when its stream opens, on a machine busy with other tests too.
    await admin.configure({ sessionLengthSeconds: 8 });
    const tokens = await pooled(indices(50), 5, async (i) => {
      const { session } = await blobOf();
      const answer = await gql(`127.0.0.${80 + (i % 5)}`, IMPORT, { session });
      return tokenOf(answer);
    });
    await admin.configure({ sessionLengthSeconds: 1800 });
    const streams = await beside(() =>
      Promise.all(
        tokens.map((token, i) =>
          postFrom(
            `127.0.0.${80 + (i % 5)}`,
            gateway.url,
            { query: SESSION_EVENTS },
            { ...bearer(token), accept: "text/event-stream" },
          ),
        ),
      ),
    );
    for (const stream of streams) expect(stream.text).toContain('"type":"EXPIRED"');
    const touches = (await admin.stats())["POST /touch"] ?? 0;
    await sleep(3_000);
    expect((await admin.stats())["POST /touch"] ?? 0).toBe(touches);
    expect(await metric(gateway.url, "para_gateway_event_streams")).toBe(0);
  }, 60_000);

  it("never restarted the worker, and every honest operation succeeded", () => {
    const output = gateway.output();
    expect(output).not.toMatch(/worker died/);
    expect(gateway.logs.filter((l) => l.msg === "gateway listening")).toHaveLength(1);
    expect(honest.failed).toEqual([]);
    expect(honest.ran).toBeGreaterThan(100);
    console.info(`abuse suite: ${honest.ran} honest operations, ${honest.failed.length} failed, 0 worker restarts`);
  });
});
