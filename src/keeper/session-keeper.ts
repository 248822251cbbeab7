import pLimit from "p-limit";
import { GatewayError } from "../errors.js";
import type { ParaFactory } from "../para/para-factory.js";
import { ParaSession } from "../para/para-session.js";
import { extendSession } from "../para/session-extension.js";
import type { Upstream } from "../para/upstream.js";
import type { Config } from "../runtime/config.js";
import type { Logger } from "../runtime/logger.js";
import { nextDueAt } from "../store/due-at.js";
import { DecryptionError } from "../store/encryption.js";
import type { SessionStore, StoredSession } from "../store/session-store.js";
import { inSpan } from "../telemetry/spans.js";

/** Sessions claimed per round; rounds repeat while they come back full. */
const BATCH = 100;
/** Retries after an outage: 1 s, 2 s, 4 s … at most 30 s apart, and never later than a second before expiry. */
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;
const RETRY_MARGIN_MS = 1_000;

export type ExtensionResult = "ok" | "expired" | "upstream_error" | "error";

/** What the keeper tells the rest of the gateway (metrics now, session events later). */
export interface KeeperObserver {
  extension(result: ExtensionResult, session: StoredSession, recordId: string): void;
}

export interface KeeperDeps {
  config: Pick<Config, "para" | "keeper">;
  store: SessionStore;
  paraFactory: ParaFactory;
  upstream: Upstream;
  logger: Logger;
  observer: KeeperObserver;
}

/**
 * Keeps managed sessions alive without client traffic. Every KEEPER_INTERVAL_MS it claims the sessions
 * that are due (an atomic claim with a lease in the shared store, so with several replicas each due
 * session is extended by exactly one of them per cycle, and one that dies mid-cycle loses nothing: its
 * claims come due again when the lease runs out), and extends each on a fresh SDK instance.
 */
export class SessionKeeper {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(private readonly deps: KeeperDeps) {}

  start(): void {
    this.timer = setInterval(() => {
      this.round ??= this.runRound().finally(() => {
        this.round = undefined;
      });
    }, this.deps.config.keeper.intervalMs);
    this.timer.unref();
  }

  /** Stops claiming, and lets a round in flight finish (its claims would otherwise wait for their lease). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  private async runRound(): Promise<void> {
    const { store, config, logger } = this.deps;
    const limit = pLimit(config.para.concurrency);
    try {
      for (;;) {
        const ids = await store.claimDue(Date.now(), config.keeper.leaseMs, BATCH);
        // Each extension is a trace of its own (not a child of whatever request set the timer going).
        await Promise.all(ids.map((id) => limit(() => inSpan("keeper extend", { root: true }, () => this.keep(id)))));
        if (ids.length < BATCH) return;
      }
    } catch (error) {
      // The store is away: the claims wait in it, due, for the next round.
      logger.warn({ err: { message: (error as Error).message } }, "session keeper: cannot claim due sessions");
    }
  }

  private async keep(id: string): Promise<void> {
    const { store, config, paraFactory, upstream, logger, observer } = this.deps;
    let stored: StoredSession | undefined;
    try {
      stored = await store.getById(id);
    } catch (error) {
      // Fail closed: a record this replica cannot open (a key it lacks mid-rotation) is neither extended nor
      // deleted; its claim lapses and it comes due again, for a replica that has the key. The store away: the same.
      if (error instanceof DecryptionError)
        logger.error({ recordId: id }, "session keeper: a managed session does not decrypt here; left as it is");
      return;
    }
    if (!stored) {
      await store.deleteById(id).catch(() => {}); // expired meanwhile: drop its schedule entry
      return;
    }
    // Turned off, or past KEEPALIVE_MAX_DAYS: saving it unschedules it.
    if (nextDueAt(stored) === null) {
      await store.saveById(id, stored);
      return;
    }
    let result: ExtensionResult;
    let next: StoredSession;
    try {
      const para = await ParaSession.open(paraFactory, upstream, stored.blob);
      const renewed = await extendSession(para, stored, config);
      if (renewed && renewed.expiresAt > stored.expiresAt) {
        [result, next] = ["ok", renewed];
      } else if (renewed) {
        // Para said yes but the expiry did not move: not what an extension is; try again like after an outage.
        [result, next] = ["error", this.retryLater(stored)];
      } else {
        [result, next] = ["expired", { ...stored, keepAlive: false, endedByPara: true }];
      }
    } catch (error) {
      const upstreamFailure = error instanceof GatewayError && error.code.startsWith("UPSTREAM_");
      if (!upstreamFailure)
        logger.error({ err: { message: (error as Error).message } }, "session keeper: extension failed");
      [result, next] = [upstreamFailure ? "upstream_error" : "error", this.retryLater(stored)];
    }
    // Not written when the session was ended meanwhile: it stays ended.
    if (await store.saveById(id, next)) observer.extension(result, next, id);
  }

  /** The session rescheduled after a failed extension, with backoff, never past its own expiry. */
  private retryLater(stored: StoredSession): StoredSession {
    const failures = (stored.failures ?? 0) + 1;
    const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1));
    const retryAt = Math.max(Date.now() + 100, Math.min(Date.now() + backoff, stored.expiresAt - RETRY_MARGIN_MS));
    return { ...stored, failures, retryAt };
  }
}
