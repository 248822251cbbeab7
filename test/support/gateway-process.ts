import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { DEFAULT_API_KEY_ID } from "../../src/emulator/model.js";
import { recordLog, registerEnvironmentSecrets } from "./leak-watch.js";
import { spawnAs } from "./run.js";
import { workerEnv } from "./worker-host.js";

export const TEST_ENCRYPTION_KEY = randomBytes(32).toString("base64");

export interface GatewayProcess {
  url: string;
  port: number;
  /** Every log line the process wrote so far, parsed. */
  logs: Record<string, unknown>[];
  /** Raw output, for checks that must see everything. */
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  child: ChildProcess;
}

/**
 * Starts the gateway as `npm start` does (node dist/main.js: `npm test` builds first; production mode) on a free port, and
 * resolves once it logs that it listens.
 */
export async function startGatewayProcess(env: Record<string, string | undefined> = {}): Promise<GatewayProcess> {
  const fullEnv = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    PARA_ENV: "DEV",
    PARA_API_KEY: "dev_public_demo",
    PARA_SECRET_API_KEY: "dev_secret_demo",
    PARA_JWT_AUDIENCE: DEFAULT_API_KEY_ID,
    // /metrics on the gateway's port, where the tests read it; test/hardening/security.test.ts checks production's default.
    METRICS_PORT: "public",
    SESSION_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    SESSION_STORE: "memory",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "debug",
    PERSISTED_OPERATIONS: "allow",
    // The verify operations are open here; test/hardening/security.test.ts checks the production default.
    VERIFY_ACCESS: "public",
    // Tests send many requests from one address; test/hardening/rate-limits.test.ts turns them on.
    RATE_LIMITS: "off",
    // The "full-instances" test project runs the flow suites again with the SDK's full instances.
    PARA_LEAN_INSTANCE: process.env.PARA_LEAN_INSTANCE,
    ...workerEnv,
    ...env,
  };
  registerEnvironmentSecrets(fullEnv);
  return followGateway(spawnAs(["node", "dist/main.js"], { env: fullEnv }), { record: recordLog });
}

/**
 * Follows a started gateway: its output and parsed log lines, kept as they come (each chunk also told
 * to `record`), until it logs that it listens. Rejects when it exits first, or after `timeoutMs`.
 */
export async function followGateway(
  child: ChildProcess,
  options: { record?: (text: string) => void; timeoutMs?: number } = {},
): Promise<GatewayProcess> {
  const logs: Record<string, unknown>[] = [];
  let raw = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    raw += chunk.toString();
    options.record?.(chunk.toString());
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () => reject(new Error(`no "gateway listening" within ${options.timeoutMs} ms:\n${raw}`)),
            options.timeoutMs,
          );
    lines.on("line", (line) => {
      raw += `${line}\n`;
      options.record?.(line);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === "gateway listening") {
          clearTimeout(timer);
          resolve(entry);
        }
      } catch {
        // not a log line
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code} before listening:\n${raw}`));
    });
  });
  return {
    url: listening.url as string,
    port: listening.port as number,
    logs,
    output: () => raw,
    child,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
