/**
 * This test worker's loopback address (Linux routes all of 127.0.0.0/8 to the loopback interface), where
 * its emulator listens on the SDK's port 8080, beside the other workers' (vitest's VITEST_POOL_ID is
 * unique among the workers running at once). Elsewhere the tests run one file at a time on 127.0.0.1
 * (vitest.config.ts).
 */
export const PARALLEL_FILES = process.platform === "linux";
export const workerHost = PARALLEL_FILES ? `127.0.80.${process.env.VITEST_POOL_ID ?? 1}` : "127.0.0.1";

const route = new URL("./localhost-route.ts", import.meta.url).href;

/** What a process this worker starts needs in its environment to reach the worker's emulator as localhost:8080. */
export const workerEnv = { EMULATOR_HOST: workerHost, NODE_OPTIONS: `--import=${route}` };
