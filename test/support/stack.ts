import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type GatewayProcess, startGatewayProcess } from "./gateway-process.js";

export interface EmulatorStack {
  emulator: Emulator;
  admin: EmulatorAdmin;
}

export interface Stack extends EmulatorStack {
  gateway: GatewayProcess;
}

/** The emulator in this process on port 8080, for the file's (or describe block's) tests. */
export function useEmulator(): EmulatorStack {
  const stack = {} as EmulatorStack;
  beforeAll(async () => {
    stack.emulator = await startEmulator();
    stack.admin = new EmulatorAdmin(stack.emulator.url);
  });
  afterAll(() => stack.emulator?.close());
  return stack;
}

/** The usual test setting: the emulator and one gateway process against it. */
export function useStack(env: Record<string, string | undefined> = {}): Stack {
  const stack = useEmulator() as Stack;
  beforeAll(async () => {
    stack.gateway = await startGatewayProcess(env);
  });
  afterAll(() => stack.gateway?.stop());
  return stack;
}

/** A temporary folder for the tests' SQLite files, removed afterwards. */
export function useTempDir(prefix: string): { path: (name: string) => string } {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { path: (name) => join(dir, name) };
}
