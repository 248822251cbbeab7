import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT, SESSION, VERIFY_WALLET } from "../support/operations.js";
import { useEmulator, useTempDir } from "../support/stack.js";

const emulator = useEmulator();
const dir = useTempDir("gateway-ops-");

const blob = async () => (await emulator.admin.createSession((await emulator.admin.createUser()).userId)).session;

describe("observability", () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({ LOG_LEVEL: "info" });
  });
  afterAll(() => gateway?.stop());

  it("logs one JSON line per operation with the request id it echoes in x-request-id", async () => {
    const res = await graphql(gateway.url, IMPORT, { session: await blob() }, { "x-request-id": "trace-abc-123" });
    expect(res.headers.get("x-request-id")).toBe("trace-abc-123");
    const generated = await graphql(gateway.url, SESSION);
    const id = generated.headers.get("x-request-id") as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => gateway.logs.find((l) => l.reqId === id)).toMatchObject({ msg: "operation", level: 30 });
    expect(gateway.logs.find((l) => l.reqId === "trace-abc-123")).toMatchObject({ operation: "Import" });
  });

  it("answers /health and /ready", async () => {
    expect((await fetch(new URL("/health", gateway.url))).status).toBe(200);
    expect((await fetch(new URL("/ready", gateway.url))).status).toBe(200);
  });

  it("exports Prometheus metrics: operations, latency, upstream calls, store operations, sessions stored", async () => {
    const res = await graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, {
      session: await blob(),
    });
    const token = res.data?.importSession.sessionToken as string;
    await graphql(gateway.url, ISSUE_JWT, {}, bearer(token));
    await graphql(gateway.url, VERIFY_WALLET, { address: "0xnot-an-address" });
    const metrics = await (await fetch(new URL("/metrics", gateway.url))).text();
    expect(metrics).toMatch(/graphql_yoga_http_duration_bucket\{.*statusCode="200",operationType="mutation"\}/);
    expect(metrics).toMatch(/para_gateway_errors_total\{code="BAD_USER_INPUT"\} 1/);
    // Ad-hoc documents are allowed here, so operation names are client-written: never a label.
    expect(metrics).not.toMatch(/operationName="(Jwt|V)"/);
    expect(metrics).toMatch(/para_gateway_upstream_calls_total\{call="jwt",outcome="ok"\} 1/);
    expect(metrics).toMatch(/para_gateway_upstream_calls_total\{call="identify",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/para_gateway_store_operations_total\{operation="put",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/para_gateway_sessions_stored \d+/);
    expect(Number(/para_gateway_sessions_stored (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
  });
});

describe("stopping", () => {
  it("finishes requests in flight on SIGTERM, refuses new ones, and exits cleanly", async () => {
    const gateway = await startGatewayProcess({ SESSION_STORE: `sqlite:${dir.path("graceful.db")}` });
    const session = await blob();
    await emulator.admin.configure({ latencyMs: 200 }); // an import then takes several round trips: over a second
    try {
      const inFlight = graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exited = gateway.stop("SIGTERM");
      const answer = await inFlight;
      expect(codes(answer)).toEqual([]);
      expect(answer.data?.importSession.sessionToken).toBeTruthy();
      expect(await exited).toBe(0);
      await expect(fetch(gateway.url)).rejects.toThrow();
      expect(gateway.logs.some((l) => l.msg === "shutting down")).toBe(true);
    } finally {
      await emulator.admin.configure({ latencyMs: 0 });
    }
  });

  it("loses no acknowledged import and leaves no half-written record when killed with SIGKILL mid-burst", async () => {
    const file = dir.path("killed.db");
    const store = { SESSION_STORE: `sqlite:${file}` };
    const blobs = await Promise.all(Array.from({ length: 100 }, blob));
    const gateway = await startGatewayProcess(store);
    const acknowledged: string[] = [];
    // One import every 5 ms, so that writes keep committing while others are in flight (imports sent all at
    // once would share one commit and be acknowledged together), killed right after the first answers.
    const burst: Promise<unknown>[] = [];
    const sending = (async () => {
      for (const session of blobs) {
        burst.push(
          graphql<{ importSession: { sessionToken: string } }>(gateway.url, IMPORT, { session })
            .then((r) => r.data?.importSession.sessionToken && acknowledged.push(r.data.importSession.sessionToken))
            .catch(() => undefined),
        );
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await expect.poll(() => acknowledged.length, { timeout: 10_000, interval: 5 }).toBeGreaterThan(0);
    await gateway.stop("SIGKILL");
    await sending;
    await Promise.all(burst);
    expect(acknowledged.length).toBeLessThan(blobs.length); // it was mid-burst

    const db = new DatabaseSync(file, { readOnly: true });
    expect(db.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    const rows = (db.prepare("SELECT COUNT(*) AS n FROM sessions").get() as { n: number }).n;
    db.close();
    expect(rows).toBeGreaterThanOrEqual(acknowledged.length);

    const restarted = await startGatewayProcess(store);
    try {
      for (const token of acknowledged) {
        const read = await graphql<{ session: { userId: string } }>(
          restarted.url,
          "{ session { userId } }",
          {},
          bearer(token),
        );
        expect(read.data?.session.userId).toBeTruthy();
      }
    } finally {
      await restarted.stop();
    }
  });
});
