import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { EmulatorAdmin } from "../emulator/admin-client.js";
import { type ExtensionResult, SessionKeeper } from "../keeper/session-keeper.js";
import { ParaFactory } from "../para/para-factory.js";
import { Upstream } from "../para/upstream.js";
import { keepSdkInstancesYoung } from "../para/young-instances.js";
import { loadConfig } from "../runtime/config.js";
import { createLogger } from "../runtime/logger.js";
import { createSessionStore } from "../store/create-store.js";
import { silenceSdkConsole } from "./silence-sdk.js";

/**
 * The session keeper's own cost: the gateway's SessionKeeper, with its SQLite store, extends
 * `BENCH_KEEPER_SESSIONS` distinct managed sessions that are all due, and the process's CPU over that
 * round gives extensions per second per core. PARA_LEAN_INSTANCE in the environment picks the instance
 * kind, so lean and full come from the same bench run. Prints one JSON line and exits.
 */
export interface KeeperRun {
  lean: boolean;
  extensions: number;
  failed: number;
  cpuMsPerExtension: number;
  extensionsPerCoreSecond: number;
  wallSec: number;
}

const emulatorUrl = process.env.BENCH_EMULATOR_URL ?? "http://127.0.0.1:8080";
const count = Number(process.env.BENCH_KEEPER_SESSIONS ?? 300);
const LENGTH_MS = 30 * 60 * 1000;

silenceSdkConsole();
const dir = await mkdtemp(join(tmpdir(), "keeper-bench-"));
const config = loadConfig({
  NODE_ENV: "production",
  PARA_ENV: "DEV",
  PARA_API_KEY: "dev_public_demo",
  PARA_LEAN_INSTANCE: process.env.PARA_LEAN_INSTANCE ?? "on",
  SESSION_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  SESSION_STORE: `sqlite:${join(dir, "sessions.db")}`,
  KEEPER_INTERVAL_MS: "100",
});
const logger = createLogger("silent");
const store = createSessionStore(config, logger);
const admin = new EmulatorAdmin(emulatorUrl);
// As the gateway's startGateway sets it up: the keeper's instances are measured as it runs them.
keepSdkInstancesYoung();
const paraFactory = new ParaFactory(config);
const upstream = new Upstream(config);

// Distinct users, each with a session of its own, stored as an import stores them, all due now.
const now = Date.now();
for (let i = 0; i < count; i++) {
  const user = await admin.createUser();
  const { session } = await admin.createSession(user.userId, { excludeSigners: true });
  await store.create({
    userId: user.userId,
    authType: "email",
    identifier: `keeper-${i}@bench.test`,
    wallets: [],
    blob: session,
    signersPresent: false,
    importedAt: new Date(now).toISOString(),
    expiresAt: now + LENGTH_MS / 4,
    sessionLengthMs: LENGTH_MS,
    keepAlive: true,
    keepAliveUntil: now + 24 * 3600 * 1000,
    lastExtendedAt: null,
  });
}
// The partner record behind lean instances and local start-ups, fetched once, as a warm gateway has it.
await paraFactory.fresh();

const results: ExtensionResult[] = [];
const keeper = new SessionKeeper({
  config,
  store,
  paraFactory,
  upstream,
  logger,
  observer: { extension: (result) => results.push(result) },
});
const cpu = process.cpuUsage();
const start = performance.now();
keeper.start();
while (results.length < count && performance.now() - start < 120_000) await sleep(20);
await keeper.stop();
const wallSec = (performance.now() - start) / 1000;
const used = process.cpuUsage(cpu);
const cpuMsPerExtension = (used.user + used.system) / 1000 / Math.max(1, results.length);
const run: KeeperRun = {
  lean: config.para.leanInstance,
  extensions: results.filter((r) => r === "ok").length,
  failed: results.filter((r) => r !== "ok").length + (count - results.length),
  cpuMsPerExtension,
  extensionsPerCoreSecond: 1000 / cpuMsPerExtension,
  wallSec,
};
process.stdout.write(`${JSON.stringify({ msg: "keeper", run })}\n`);
await store.close();
await rm(dir, { recursive: true, force: true });
// Full instances park the SDK's timers (see the shared SDK notes): exit instead of waiting for them.
process.exit(0);
