import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { createRedisClient } from "../store/redis-client.js";
import { SessionEvents } from "./session-events.js";

/** Session events through Redis pub/sub when the store is Redis (every replica sees them), else in-process. */
export function createSessionEvents(
  config: Pick<Config, "sessionStore" | "storeTimeoutMs" | "storeTlsCaFile">,
  logger: Logger,
): { events: SessionEvents; close: () => void } {
  if (!/^rediss?:\/\//.test(config.sessionStore)) return { events: new SessionEvents(), close: () => {} };
  const client = () =>
    createRedisClient(config.sessionStore, {
      timeoutMs: config.storeTimeoutMs,
      tlsCaFile: config.storeTlsCaFile,
      queueWhileOffline: true,
      onError: (error) => logger.debug({ err: { message: error.message } }, "session events (redis) error"),
    });
  const publishClient = client();
  const subscribeClient = client();
  return {
    events: new SessionEvents(createRedisEventTarget({ publishClient, subscribeClient })),
    close: () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
