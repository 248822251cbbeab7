import { defineConfig } from "vitest/config";

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
    // The SDK's DEV environment is fixed at localhost:8080, so test files that start an emulator take turns.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "gateway", include: ["test/**/*.test.ts"], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: "full-instances",
          include: FLOW_SUITES,
          env: { PARA_LEAN_INSTANCE: "off" },
          // After the first project, never beside it: both would start an emulator on port 8080.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
