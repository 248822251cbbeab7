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

/**
 * What holds a worker to its budget: V8's heap limits, and two settings for the memory outside the heap,
 * which no heap limit bounds (measured on Node 24, 2,000 imports, one worker under 256 MB):
 * - `--no-maglev`: V8's mid-tier compiler (Maglev) left a worker 50-80 MB larger (207 against 255-289 MB
 *   RSS, its heap the same); without it an import cost about 6% more CPU in the same run (6.72 against
 *   6.32 ms), TurboFan still optimising what is hot. Under a budget, memory is what is scarce.
 * - `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates (V8's compiler and GC threads, libuv's
 *   pool) an arena of its own, and keeps what they freed; two arenas held 5-12 MB less.
 */
export const workerSettings = (budget: MemoryBudget) => ({
  execArgv: [`--max-old-space-size=${budget.oldSpaceMb}`, `--max-semi-space-size=${budget.semiSpaceMb}`, "--no-maglev"],
  env: { MALLOC_ARENA_MAX: "2" },
});

/** Whether this process was started with a heap limit of its own (by a supervisor, or by hand). */
export const hasHeapLimit = () => process.execArgv.some((arg) => arg.startsWith("--max-old-space-size"));
