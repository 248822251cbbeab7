import { LRUCache } from "lru-cache";
import type { Config } from "../runtime/config.js";
import type { VerifyApi } from "./verify-api.js";

/**
 * Wallet verifications, remembered in a bounded cache shared by this process's requests. A wallet
 * does not change owner, so an owned address is remembered for WALLET_CACHE_TTL_MS; an unowned one
 * only briefly (WALLET_CACHE_NEGATIVE_TTL_MS), since a user may create that wallet any moment.
 * Errors are never cached.
 */
export class WalletVerifications {
  private readonly cache: LRUCache<string, { walletId: string | null }> | undefined;

  constructor(
    private readonly verifyApi: VerifyApi,
    private readonly settings: Config["walletCache"],
  ) {
    this.cache = settings.size > 0 ? new LRUCache({ max: settings.size }) : undefined;
  }

  /** Whether the answer for this address is at hand, so that asking costs no call to Para. */
  isCached(address: string): boolean {
    return this.cache?.has(address) ?? false;
  }

  /** How much longer the answer for this address is remembered, ms (0 when it is not). */
  remainingMs(address: string): number {
    return this.cache?.getRemainingTTL(address) ?? 0;
  }

  /** The owning wallet's id, or null. `address` is the loader key (EVM in lower case). */
  async walletId(address: string): Promise<string | null> {
    const cached = this.cache?.get(address);
    if (cached) return cached.walletId;
    const walletId = await this.verifyApi.verifyWallet(address);
    const ttl = walletId === null ? this.settings.negativeTtlMs : this.settings.ttlMs;
    if (ttl > 0) this.cache?.set(address, { walletId }, { ttl });
    return walletId;
  }
}
