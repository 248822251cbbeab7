import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { recordLog, registerEnvironmentSecrets } from "./leak-watch.js";

export const TEST_ENCRYPTION_KEY = randomBytes(32).toString("base64");

export interface GatewayProcess {
  url: string;
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
    ...env,
  };
  registerEnvironmentSecrets(fullEnv);
  const child = spawn(process.execPath, ["dist/main.js"], {
    env: fullEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let raw = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    raw += chunk.toString();
    recordLog(chunk.toString());
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const listening = new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      raw += `${line}\n`;
      recordLog(line);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === "gateway listening") resolve(entry.url as string);
      } catch {
        // not a log line
      }
    });
    child.once("exit", (code) => reject(new Error(`gateway exited with ${code} before listening:\n${raw}`)));
  });
  const url = await listening;
  return {
    url,
    logs,
    output: () => raw,
    child,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await once(child, "exit");
      return code as number | null;
    },
  };
}
