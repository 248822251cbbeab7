import autocannon from "autocannon";
import type { HttpRequest } from "./requests.js";

export interface LoadSpec {
  /** The server's URL; requests carry their own paths. */
  url: string;
  connections: number;
  /** Run for this long... */
  durationSec?: number;
  /** ...or until this many answers, stopping anyway after maxSec. */
  amount?: number;
  maxSec?: number;
  next: () => HttpRequest;
  /** Whether an answer is a success; every answer is checked, so a run of errors is not reported as speed. */
  ok: (body: string) => boolean;
}

export interface LoadResult {
  /** Requests written, answers read, answers that passed `ok`. */
  sent: number;
  answered: number;
  ok: number;
  durationSec: number;
  /** Successful answers per second. */
  okPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  connectionErrors: number;
  /** Answers that failed `ok` (non-2xx included), and the first of them. */
  failed: number;
  failedSample?: string;
  /** The load generator's own CPU (it is single-threaded: near 100% means it, not the server, is the limit). */
  loadGenCpuPct: number;
}

/** Drives one server with autocannon from this process. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let failedSample: string | undefined;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const instance = autocannon({
    url: new URL(spec.url).origin,
    connections: spec.amount === undefined ? spec.connections : Math.min(spec.connections, spec.amount),
    // Only what is set: an explicit undefined would override autocannon's defaults.
    ...(spec.durationSec === undefined ? {} : { duration: spec.durationSec }),
    ...(spec.amount === undefined ? {} : { amount: spec.amount }),
    timeout: 30,
    requests: [{ setupRequest: (request) => ({ ...request, ...spec.next() }) }],
    verifyBody: (body) => {
      if (spec.ok(body)) return true;
      failedSample ??= body.slice(0, 300);
      return false;
    },
  });
  const timer = spec.maxSec === undefined ? undefined : setTimeout(() => instance.stop(), spec.maxSec * 1000);
  const result = await instance;
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const ok = result.requests.total - result.mismatches;
  return {
    sent: result.requests.sent,
    answered: result.requests.total,
    ok,
    durationSec: result.duration,
    okPerSec: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    connectionErrors: result.errors,
    failed: result.mismatches,
    failedSample,
    loadGenCpuPct: ((used.user + used.system) / 1000 / wallMs) * 100,
  };
}
