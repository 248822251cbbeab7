import { afterAll, beforeAll } from "vitest";
import { EmulatorAdmin } from "../../src/emulator/admin-client.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type GatewayProcess, startGatewayProcess } from "./gateway-process.js";

export interface Stack {
  emulator: Emulator;
  admin: EmulatorAdmin;
  gateway: GatewayProcess;
}

/**
 * The usual test setting: the emulator in this process on port 8080 and one gateway process against
 * it, started before the file's (or describe block's) tests and stopped after them.
 */
export function useStack(env: Record<string, string | undefined> = {}): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    stack.emulator = await startEmulator();
    stack.admin = new EmulatorAdmin(stack.emulator.url);
    stack.gateway = await startGatewayProcess(env);
  });
  afterAll(async () => {
    await stack.gateway?.stop();
    await stack.emulator?.close();
  });
  return stack;
}
