import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { EmulatorAdmin } from "../emulator/admin-client.js";
import { DEFAULT_API_KEY_ID } from "../emulator/model.js";
import { type Child, jsonLine, startChild } from "./children.js";
import type { KeeperRun } from "./keeper-rate.js";
import { BENCH_GATEWAY_KEY } from "./operations.js";
import type { BenchOptions } from "./options.js";
import type { FloorRun } from "./sdk-floor.js";

/** A server under load: its node process and where to send requests. */
export interface Server {
  name: "gateway" | "baseline" | "hello";
  child: Child;
  url: string;
}

/** The emulator on 127.0.0.1:8080, where the SDK's Environment.DEV looks, with the injected latency. */
export async function startEmulatorProcess(latencyMs: number): Promise<{ child: Child; admin: EmulatorAdmin }> {
  const child = await startChild({
    name: "emulator",
    script: "src/emulator/main.ts",
    env: { EMULATOR_PORT: "8080", EMULATOR_HOST: "127.0.0.1" },
    readyWhen: (line) => /listening on (\S+)/.exec(line)?.[1],
  });
  const admin = new EmulatorAdmin(child.ready);
  await admin.configure({ latencyMs });
  return { child, admin };
}

/** The gateway as `npm start` runs it in production, plus the options' extra environment. */
export async function startGatewayProcess(options: BenchOptions, storeFile: string): Promise<Server> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = await startChild({
    name: "gateway",
    script: "dist/main.js",
    env: {
      NODE_ENV: "production",
      PARA_ENV: "DEV",
      PARA_API_KEY: "dev_public_demo",
      PARA_SECRET_API_KEY: "dev_secret_demo",
      SESSION_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      SESSION_STORE: `sqlite:${storeFile}`,
      PERSISTED_OPERATIONS: "allow",
      RATE_LIMITS: "off",
      GATEWAY_API_KEYS: BENCH_GATEWAY_KEY,
      PARA_JWT_AUDIENCE: DEFAULT_API_KEY_ID,
      // The memory phase reads heap figures from /metrics on the gateway's port.
      METRICS_PORT: "public",
      // The memory phase imports 25 sessions per user of the pool: measured as imports, not as the quota's evictions.
      MAX_SESSIONS_PER_USER: "10000",
      LOG_LEVEL: "warn",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...options.gatewayEnv,
    },
    probeUrl: `${origin}/health`,
  });
  return { name: "gateway", child, url: `${origin}/graphql` };
}

export async function startBaseline(): Promise<Server> {
  const child = await startChild({
    name: "baseline",
    script: "src/bench/baseline-server.ts",
    env: {},
    readyWhen: jsonLine("listening"),
  });
  return { name: "baseline", child, url: child.ready };
}

export async function startHello(): Promise<Server> {
  const child = await startChild({
    name: "hello",
    script: "src/bench/hello-server.ts",
    env: {},
    readyWhen: jsonLine("listening"),
  });
  return { name: "hello", child, url: `${child.ready}/graphql` };
}

export interface Floor {
  sequential: FloorRun;
  concurrent: FloorRun;
}

/** Runs the bare-SDK floor in its own process against the same emulator. */
export async function runSdkFloor(options: BenchOptions, emulatorUrl: string): Promise<Floor> {
  const child = await startChild({
    name: "sdk-floor",
    script: "src/bench/sdk-floor.ts",
    env: {
      BENCH_EMULATOR_URL: emulatorUrl,
      BENCH_FLOOR_SEQUENTIAL: String(options.floor.sequential),
      BENCH_FLOOR_CONCURRENT: String(options.floor.concurrent),
      BENCH_FLOOR_CONCURRENCY: String(options.floor.concurrency),
    },
    readyWhen: (line) => (line.startsWith('{"msg":"floor"') ? line : undefined),
  });
  await child.stop();
  return (JSON.parse(child.ready) as { result: Floor }).result;
}

/** The session keeper's extensions per core-second, in a process of its own, with lean or full SDK instances. */
export async function runKeeperRate(options: BenchOptions, emulatorUrl: string, lean: boolean): Promise<KeeperRun> {
  const child = await startChild({
    name: "keeper-rate",
    script: "src/bench/keeper-rate.ts",
    env: {
      BENCH_EMULATOR_URL: emulatorUrl,
      BENCH_KEEPER_SESSIONS: String(options.keeperSessions),
      PARA_LEAN_INSTANCE: lean ? "on" : "off",
    },
    readyWhen: (line) => (line.startsWith('{"msg":"keeper"') ? line : undefined),
  });
  await child.stop();
  return (JSON.parse(child.ready) as { run: KeeperRun }).run;
}

/** A port nothing listens on right now, for the gateway (PORT=0 would need its info-level log to learn the port). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
