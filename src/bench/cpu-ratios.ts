import { prepareFixtures } from "./fixtures.js";
import { type Measurement, measure, type Upstream } from "./measure.js";
import type { BenchOptions } from "./options.js";
import { answers, cycle, gatewayRequests, type HttpRequest } from "./requests.js";
import type { Server } from "./servers.js";

/** The Para-backed operations measured against the store-only query, each with its ceiling (issue #26). */
export const CPU_OVER_STORE_ONLY_LIMITS: Record<string, number> = {
  session: 3,
  keepAlive: 3,
  issueJwt: 3,
  import: 3.5,
};

export interface CpuRatios {
  rounds: number;
  durationSec: number;
  users: number;
  /** Each round's runs, in the order they ran. */
  runs: Measurement[];
  /** The gateway's CPU per operation, median over the rounds, by scenario (sessionStored included). */
  medianCpuMsPerOp: Record<string, number>;
  /** Each operation's median over the store-only query's (that query's own included: 1). */
  overStoreOnly: Record<string, number>;
  /** Answers per second, median over the rounds, by scenario. */
  medianOkPerSec: Record<string, number>;
}

/**
 * The gateway's CPU per Para-backed operation over the store-only session query's, measured as issue #26
 * defined it: Para answering at once (the emulator's latency set to 0 for this phase), one gateway, c=low.
 * With latency, the process idles between each request's steps and the same code runs slower on cold
 * caches (see docs/performance-sdk-cost.md), which the store-only query, never waiting, does not pay.
 * The five operations run in turn, round after round, and each one's median is taken, so a slow moment
 * of a shared machine lands on one round of every operation rather than on one operation. Users of their
 * own, each importing fewer sessions than MAX_SESSIONS_PER_USER's default (20) over the phase, as a
 * production gateway's users do: the import reads the user's sessions for the quota.
 */
export async function measureCpuRatios(gateway: Server, upstream: Upstream, options: BenchOptions): Promise<CpuRatios> {
  const { rounds, durationSec, users } = options.cpuRatios;
  const { pool } = await prepareFixtures(upstream.admin, gateway.url, users);
  const tokens = pool.map((u) => u.token);
  const operations: { scenario: string; next: () => HttpRequest; ok: (body: string) => boolean }[] = [
    { scenario: "sessionStored", next: cycle(tokens.map(gatewayRequests.sessionStored)), ok: answers('"expiresAt"') },
    { scenario: "session", next: cycle(tokens.map(gatewayRequests.session)), ok: answers('"active":true') },
    { scenario: "keepAlive", next: cycle(tokens.map(gatewayRequests.keepAlive)), ok: answers('"alive":true') },
    { scenario: "issueJwt", next: cycle(tokens.map(gatewayRequests.issueJwt)), ok: answers('"token"') },
    { scenario: "import", next: cycle(pool.map((u) => gatewayRequests.import(u.blob))), ok: answers('"sessionToken"') },
  ];
  await upstream.admin.configure({ latencyMs: 0 });
  const runs: Measurement[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const { scenario, next, ok } of operations) {
        const spec = { connections: options.concurrency.low, durationSec, next, ok };
        runs.push(await measure(scenario, gateway, spec, { ...upstream, settleMs: 300 }));
      }
    }
  } finally {
    await upstream.admin.configure({ latencyMs: options.latencyMs });
  }
  const medianOf = (value: (m: Measurement) => number) =>
    Object.fromEntries(
      operations.map(({ scenario }) => [scenario, median(runs.filter((m) => m.scenario === scenario).map(value))]),
    );
  const medianCpuMsPerOp = medianOf((m) => m.cpuMsPerOp);
  const storeOnly = medianCpuMsPerOp.sessionStored as number;
  const overStoreOnly = Object.fromEntries(
    Object.entries(medianCpuMsPerOp).map(([scenario, cpuMs]) => [scenario, cpuMs / storeOnly]),
  );
  return {
    rounds,
    durationSec,
    users,
    runs,
    medianCpuMsPerOp,
    overStoreOnly,
    medianOkPerSec: medianOf((m) => m.okPerSec),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
