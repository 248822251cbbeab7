import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { routeConsoleToLogger } from "./para/sdk-console.js";
import { startGateway } from "./server.js";

/** `npm start`: the gateway alone, against the Para environment PARA_ENV names. */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger(config.logLevel);
routeConsoleToLogger(logger);
const gateway = await startGateway(config, logger);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    void gateway.close().then(() => process.exit(0));
  });
}
