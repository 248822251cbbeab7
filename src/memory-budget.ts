import { totalmem } from "node:os";

/** What the supervising process of `--workers` (or of one worker under a budget) holds: config, logs, no SDK. */
export const SUPERVISOR_MB = 50;
/** A worker's memory outside V8's old space: code, the young generation, native buffers, SQLite's cache. */
const OUTSIDE_OLD_SPACE_MB = 96;
/** The smallest old space a worker runs in: its live heap after start is about 40 MB. */
const MIN_OLD_SPACE_MB = 64;
/** What one cached wallet verification costs, with the cache's own bookkeeping. */
const WALLET_ENTRY_BYTES = 400;
/** The share of the old space the wallet cache may fill. */
const WALLET_CACHE_SHARE = 0.15;

export interface MemoryBudget {
  /** Where the limit came from. */
  source: "MEMORY_LIMIT_MB" | "cgroup";
  totalMb: number;
  /** Each worker's share, after the supervisor's. */
  perWorkerMb: number;
  /** V8's old space per worker (`--max-old-space-size`). */
  oldSpaceMb: number;
  /**
   * V8's semi-space per worker (`--max-semi-space-size`). Set explicitly: for a small old space V8 would
   * shrink the young generation too, and the scavenges that follow cost more CPU than the memory saves.
   */
  semiSpaceMb: number;
  /** Most wallet verifications one worker keeps. */
  walletCacheEntries: number;
}

/** The container's memory limit (cgroup), when there is one below the machine's memory. */
function cgroupLimitMb(): number | undefined {
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 && constrained < totalmem() ? Math.floor(constrained / 2 ** 20) : undefined;
}

/**
 * Each process's share of the memory it may use: MEMORY_LIMIT_MB, or else the container's cgroup limit,
 * split across the workers after the supervisor's share. Undefined when neither says (the machine's
 * memory is not a budget: V8 would size itself from it and hold far more than the gateway needs).
 */
export function memoryBudget(limitMb: number | undefined, workers: number): MemoryBudget | undefined {
  const source = limitMb !== undefined ? "MEMORY_LIMIT_MB" : "cgroup";
  const totalMb = limitMb ?? cgroupLimitMb();
  if (totalMb === undefined) return undefined;
  const perWorkerMb = Math.floor((totalMb - SUPERVISOR_MB) / workers);
  const oldSpaceMb = Math.max(MIN_OLD_SPACE_MB, perWorkerMb - OUTSIDE_OLD_SPACE_MB);
  const semiSpaceMb = Math.min(16, Math.max(2, Math.floor(perWorkerMb / 24)));
  const walletCacheEntries = Math.floor((oldSpaceMb * 2 ** 20 * WALLET_CACHE_SHARE) / WALLET_ENTRY_BYTES);
  return { source, totalMb, perWorkerMb, oldSpaceMb, semiSpaceMb, walletCacheEntries };
}

/** The V8 flags that hold a worker to its budget. */
export const heapFlags = (budget: MemoryBudget) => [
  `--max-old-space-size=${budget.oldSpaceMb}`,
  `--max-semi-space-size=${budget.semiSpaceMb}`,
];

/** Whether this process was started with a heap limit of its own (by a supervisor, or by hand). */
export const hasHeapLimit = () => process.execArgv.some((arg) => arg.startsWith("--max-old-space-size"));
