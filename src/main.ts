import cluster from "node:cluster";
import { superviseWorkers } from "./cluster.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { routeConsoleToLogger } from "./para/sdk-console.js";
import { startGateway } from "./server.js";

/** `npm start [-- --workers N]`: the gateway alone, against the Para environment PARA_ENV names. */
const workersFlag = process.argv.indexOf("--workers");
const env = workersFlag >= 0 ? { ...process.env, WORKERS: process.argv[workersFlag + 1] } : process.env;

let config: Config;
try {
  config = loadConfig(env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger(config.logLevel);

if (config.workers > 1 && cluster.isPrimary) {
  superviseWorkers(config.workers, logger);
} else {
  routeConsoleToLogger(logger);
  const gateway = await startGateway(config, logger);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "shutting down");
      void gateway.close().then(() => process.exit(0));
    });
  }
}
