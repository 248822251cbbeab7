import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { bearer, codes, graphql } from "../support/graphql.js";
import { IMPORT, ISSUE_JWT } from "../support/operations.js";
import { useEmulator } from "../support/stack.js";

/** A span as OTLP/JSON carries it (ids in hex; kind 1 internal, 2 server, 3 client; status code 2 error). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
  status?: { code?: number };
}

/** An OTLP/HTTP receiver in this process: every span exported to it, and the raw bodies, for the secrets check. */
async function startReceiver(): Promise<{ server: Server; url: string; spans: OtlpSpan[]; bodies: string[] }> {
  const spans: OtlpSpan[] = [];
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      bodies.push(body);
      if (req.url === "/v1/traces") {
        const message = JSON.parse(body) as {
          resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[];
        };
        for (const rs of message.resourceSpans ?? [])
          for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, bodies };
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  const found = value && (value.stringValue ?? value.intValue ?? value.boolValue);
  return found === undefined ? undefined : String(found);
};

const emulator = useEmulator();
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let gateway: GatewayProcess;

beforeAll(async () => {
  receiver = await startReceiver();
  gateway = await startGatewayProcess({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_BSP_SCHEDULE_DELAY: "100",
    OTEL_SERVICE_NAME: "gateway-under-test",
    KEEPER_INTERVAL_MS: "200",
    LOG_LEVEL: "info",
  });
});
afterAll(async () => {
  await gateway?.stop();
  receiver?.server.close();
});

/**
 * The spans of one request's trace, once its `name` span and its server span have arrived: the server span
 * ends last, and may come in a later batch than the spans inside it.
 */
async function traceWith(traceId: string, name: string): Promise<OtlpSpan[]> {
  const trace = () => receiver.spans.filter((s) => s.traceId === traceId);
  await expect
    .poll(() => trace().some((s) => s.name === name) && trace().some((s) => s.kind === 2), { timeout: 10_000 })
    .toBe(true);
  return trace();
}

describe("OpenTelemetry traces", () => {
  it("continue the caller's trace through the gateway into its call to Para, and tag the request's logs and answer", async () => {
    const traceId = randomBytes(16).toString("hex");
    const callerSpan = randomBytes(8).toString("hex");
    const user = await emulator.admin.createUser({ email: `traced-${randomBytes(4).toString("hex")}@example.com` });
    const { session } = await emulator.admin.createSession(user.userId, { excludeSigners: true });
    const res = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: `00-${traceId}-${callerSpan}-01` },
      body: JSON.stringify({ query: IMPORT, variables: { session } }),
    });
    const body = (await res.json()) as { data: { importSession: { sessionToken: string } } };
    const token = body.data.importSession.sessionToken;
    expect(res.headers.get("x-trace-id")).toBe(traceId);

    const spans = await traceWith(traceId, "para identify");
    const server = spans.find((s) => s.kind === 2);
    expect(server?.parentSpanId).toBe(callerSpan);
    const operation = spans.find((s) => s.name === "graphql.operation Import");
    expect(operation).toBeDefined();
    expect(attribute(operation as OtlpSpan, "graphql.operation.type")).toBe("mutation");
    expect(attribute(operation as OtlpSpan, "graphql.document.id")).toMatch(/^[0-9a-f]{64}$/);
    const identify = spans.find((s) => s.name === "para identify") as OtlpSpan;
    expect(identify.kind).toBe(3);
    expect(attribute(identify, "para.attempts")).toBe("1");
    expect(attribute(identify, "http.response.status_code")).toBe("200");
    // Recording the status took nothing from the instance: a lean one, its direct calls, no fallback.
    expect(gateway.logs.filter((l) => String(l.msg).startsWith("an SDK instance fell back"))).toEqual([]);
    // The store's work is in the same trace.
    expect(spans.some((s) => s.name === "store put")).toBe(true);
    // Every log line of the request carries its trace id.
    const lines = gateway.logs.filter((l) => l.traceId === traceId);
    expect(lines.some((l) => l.msg === "operation")).toBe(true);

    // A JWT, for the secrets check below.
    const jwt = await graphql<{ issueJwt: { token: string } }>(gateway.url, ISSUE_JWT, {}, bearer(token));
    expect(codes(jwt)).toEqual([]);
    await expect.poll(() => receiver.spans.some((s) => s.name === "para jwt"), { timeout: 10_000 }).toBe(true);
    // A client that inlines the JWT in its operation's text (allow mode), and in a GET's query string.
    const inline = `{ verifyJwt(token: "${jwt.data?.issueJwt.token}") { valid } }`;
    expect(codes(await graphql(gateway.url, inline))).toEqual([]);
    const get = await fetch(`${gateway.url}?query=${encodeURIComponent(inline)}`, {
      headers: { "x-graphql-yoga-csrf": "1" },
    });
    expect(get.status).toBe(200);
    await expect
      .poll(() => receiver.spans.filter((s) => s.name.startsWith("graphql.operation")).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3);
    const exported = receiver.bodies.join("\n");
    const cookie = (JSON.parse(Buffer.from(session, "base64").toString()) as { sessionCookie: string }).sessionCookie;
    for (const secret of [
      token,
      session,
      cookie.split(";")[0] as string,
      jwt.data?.issueJwt.token as string,
      user.identifier,
    ]) {
      expect(exported.includes(secret)).toBe(false);
    }
  });

  it("shows a Para outage as an error span", async () => {
    await emulator.admin.configure({ fault: { mode: "error500", routes: ["POST /auth/jwt"] } });
    try {
      const traceId = randomBytes(16).toString("hex");
      const { session } = await emulator.admin.createSession((await emulator.admin.createUser()).userId);
      await fetch(gateway.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01`,
        },
        body: JSON.stringify({ query: IMPORT, variables: { session } }),
      });
      const spans = await traceWith(traceId, "para identify");
      const identify = spans.find((s) => s.name === "para identify") as OtlpSpan;
      expect(identify.status?.code).toBe(2);
      expect(attribute(identify, "error.type")).toBe("UPSTREAM_ERROR");
      expect(attribute(identify, "para.attempts")).toBe("2"); // retried once
      expect(attribute(identify, "http.response.status_code")).toBe("500");
    } finally {
      await emulator.admin.configure({ fault: { mode: "none" } });
    }
  });

  it("makes each keeper extension a trace of its own", async () => {
    await emulator.admin.configure({ sessionLengthSeconds: 6 });
    try {
      const { session } = await emulator.admin.createSession((await emulator.admin.createUser()).userId);
      const managed = await graphql(
        gateway.url,
        "mutation($s: String!) { importSession(session: $s, keepAlive: true) { sessionToken } }",
        { s: session },
      );
      expect(codes(managed)).toEqual([]);
      await expect.poll(() => receiver.spans.some((s) => s.name === "keeper extend"), { timeout: 10_000 }).toBe(true);
      const extension = receiver.spans.find((s) => s.name === "keeper extend") as OtlpSpan;
      expect(extension.parentSpanId ?? "").toBe("");
      await expect
        .poll(() => receiver.spans.some((s) => s.traceId === extension.traceId && s.name === "para keep-alive"))
        .toBe(true);
    } finally {
      await emulator.admin.configure({ sessionLengthSeconds: 1800 });
    }
  });
});
