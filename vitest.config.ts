import { defineConfig } from "vitest/config";

export default defineConfig({
  // One graphql instance: Pothos and Yoga load its CommonJS build, so the tests must too.
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // The SDK's DEV environment is fixed at localhost:8080, so test files that start an emulator take turns.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
