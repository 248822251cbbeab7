import { setTimeout as sleep } from "node:timers/promises";
import { Environment, Para } from "@getpara/server-sdk";
import { EmulatorAdmin } from "../emulator/admin-client.js";
import { silenceSdkConsole } from "./silence-sdk.js";

/**
 * The bare-SDK floor: what one checked import costs the SDK alone (fresh instance, importSession,
 * isSessionActive), with nothing of a server around it. Prints one JSON line and exits.
 */
export interface FloorRun {
  imports: number;
  concurrency: number;
  cpuMsPerImport: number;
  wallMsPerImport: number;
}

const emulatorUrl = process.env.BENCH_EMULATOR_URL ?? "http://127.0.0.1:8080";
const sequential = Number(process.env.BENCH_FLOOR_SEQUENTIAL ?? 100);
const concurrent = Number(process.env.BENCH_FLOOR_CONCURRENT ?? 300);
const concurrency = Number(process.env.BENCH_FLOOR_CONCURRENCY ?? 4);
const WARM_UP = 10;

silenceSdkConsole();
const admin = new EmulatorAdmin(emulatorUrl);
const blobs: string[] = [];
for (let i = 0; i < 20; i++) {
  const user = await admin.createUser();
  blobs.push((await admin.createSession(user.userId, { excludeSigners: true })).session);
}

async function checkedImport(i: number): Promise<void> {
  const para = new Para(Environment.DEV, "dev_public_demo");
  await para.importSession(blobs[i % blobs.length] as string);
  if (!(await para.isSessionActive())) throw new Error("the session is not active");
}

async function run(imports: number, lanes: number): Promise<FloorRun> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < imports) await checkedImport(next++);
    }),
  );
  const wallMs = performance.now() - start;
  // The SDK's trailing start-up calls finish after the last answer; their CPU belongs to the imports.
  await sleep(200);
  const used = process.cpuUsage(cpu);
  return {
    imports,
    concurrency: lanes,
    cpuMsPerImport: (used.user + used.system) / 1000 / imports,
    wallMsPerImport: wallMs / imports,
  };
}

await run(WARM_UP, 1);
const result = { sequential: await run(sequential, 1), concurrent: await run(concurrent, concurrency) };
process.stdout.write(`${JSON.stringify({ msg: "floor", result })}\n`);
// Each instance parks a 90 s timer (see the SDK notes): exit instead of waiting for them.
process.exit(0);
