import type { Para } from "@getpara/server-sdk";

/** A pooled instance older than this may have started against a Para that has since changed; it is dropped. */
const MAX_AGE_MS = 30_000;

/**
 * A few SDK instances built ahead of demand. `new Para()` costs CPU and five calls to Para before an
 * import can start; building instances early takes that off the request's path. Each instance is
 * handed out once and never returned, so every request still gets a fresh instance of its own.
 */
export class ParaPool {
  private readonly ready: { para: Para; builtAt: number }[] = [];
  private pending = 0;

  constructor(
    private readonly build: () => Para,
    private readonly size: number,
  ) {
    this.refill();
  }

  take(): Para {
    const now = Date.now();
    let entry = this.ready.shift();
    while (entry && now - entry.builtAt > MAX_AGE_MS) entry = this.ready.shift();
    this.refill();
    return entry?.para ?? this.build();
  }

  /**
   * Drops every pooled instance: called when an import fails, since instances built in the same
   * moment may have started against a Para that was failing. The next take() builds afresh.
   */
  discardAll(): void {
    this.ready.length = 0;
    this.refill();
  }

  /** Builds the missing instances one event-loop turn later, so that no answer waits for them. */
  private refill(): void {
    while (this.ready.length + this.pending < this.size) {
      this.pending++;
      setImmediate(() => {
        this.pending--;
        this.ready.push({ para: this.build(), builtAt: Date.now() });
      });
    }
  }
}
