import { defineConfig } from "vitest/config";
import { PARALLEL_FILES } from "./test/support/worker-host.js";

/**
 * The suites that drive Para-backed operations end to end, run a second time with the SDK's full instances
 * (PARA_LEAN_INSTANCE=off): both kinds of instance must pass them unchanged.
 */
const FLOW_SUITES = [
  "test/gateway/flow.test.ts",
  "test/hardening/isolation.test.ts",
  "test/hardening/upstream-faults.test.ts",
  "test/keeper/keeper.test.ts",
  "test/events/session-events.test.ts",
  "test/para/lean-startup.test.ts",
];

export default defineConfig({
  // One graphql instance: Pothos and Yoga load its CommonJS build, so the tests must too.
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    // The SDK's DEV environment is fixed at localhost:8080: each worker's emulators listen on an address of
    // its own and "localhost" leads there (test/support/worker-setup.ts), so files run side by side. Most of
    // them wait (on Para's session lengths, on child processes, on a browser).
    setupFiles: ["test/support/worker-setup.ts"],
    fileParallelism: PARALLEL_FILES,
    maxWorkers: Number(process.env.TEST_WORKERS ?? 2),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "gateway", include: ["test/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "full-instances",
          include: FLOW_SUITES,
          env: { PARA_LEAN_INSTANCE: "off" },
        },
      },
    ],
  },
});
