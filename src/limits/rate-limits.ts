import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { GatewayError } from "../errors.js";
import type { Config } from "../runtime/config.js";
import type { Logger } from "../runtime/logger.js";
import { createRedisClient } from "../store/redis-client.js";

export type LimitKind = "import" | "verify" | "session" | "unknownSession";

type Limiter = RateLimiterMemory | RateLimiterRedis;

/**
 * Per-minute budgets: `import`, `verify` and `unknownSession` (handles that name no stored session) per
 * client address, `session` per stored session. The unknown-handle budget guards misses only: a valid
 * handle is served whatever unknown handles from the same address (a stale tab behind the same NAT) spent.
 * With a Redis session store the counters live in Redis, shared by every replica; while Redis is
 * away each process falls back to counting alone.
 */
export class RateLimits {
  constructor(private readonly limiters: Record<LimitKind, Limiter> | undefined) {}

  async consume(kind: LimitKind, key: string, units = 1): Promise<void> {
    const limiter = this.limiters?.[kind];
    if (!limiter) return;
    try {
      await limiter.consume(key, units);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw rateLimited(kind, rejection.msBeforeNext);
    }
  }
}

/** RATE_LIMITED, answered with HTTP 429 and Retry-After (GraphQL over HTTP lets a server choose the status of a refused request). */
function rateLimited(kind: LimitKind, msBeforeNext: number): GatewayError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const what = kind === "unknownSession" ? "unknown session tokens" : `${kind} requests`;
  return new GatewayError("RATE_LIMITED", `Too many ${what}. Retry in ${retryAfter} s.`, {
    retryAfter,
    http: { status: 429, headers: { "Retry-After": String(retryAfter) } },
  });
}

export function createRateLimits(config: Config, logger: Logger): RateLimits {
  const { rateLimits } = config;
  if (!rateLimits) return new RateLimits(undefined);
  const redis = config.redis
    ? createRedisClient(config.redis, {
        timeoutMs: config.storeTimeoutMs,
        tlsCaFile: config.storeTlsCaFile,
        onError: (error) => logger.debug({ err: { message: error.message } }, "rate limits (redis) error"),
      })
    : undefined;
  const limiter = (kind: LimitKind, points: number): Limiter => {
    const options = { keyPrefix: `para-gateway:rate:${kind}`, points, duration: 60 };
    const local = new RateLimiterMemory(options);
    return redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: local }) : local;
  };
  return new RateLimits({
    import: limiter("import", rateLimits.importsPerMinute),
    verify: limiter("verify", rateLimits.verifyPerMinute),
    session: limiter("session", rateLimits.sessionPerMinute),
    unknownSession: limiter("unknownSession", rateLimits.unknownSessionsPerMinute),
  });
}
