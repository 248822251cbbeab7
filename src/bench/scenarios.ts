import type { Fixtures, PoolUser } from "./fixtures.js";
import { runLoad } from "./load.js";
import { type Measurement, measure, type Upstream } from "./measure.js";
import type { BenchOptions } from "./options.js";
import { answers, baselineRequests, cycle, gatewayRequests, type HttpRequest, helloRequest } from "./requests.js";
import type { Server } from "./servers.js";

interface ScenarioRun {
  server: Server;
  next: () => HttpRequest;
  ok: (body: string) => boolean;
}

interface Scenario {
  name: string;
  connections: number;
  runs: ScenarioRun[];
}

export interface Servers {
  gateway: Server;
  baseline: Server;
  hello: Server;
}

const MIXED_FAILURE = /"errors"|"(active|alive|verified)":false/;

/** The load scenarios of the issue, each against the gateway and, where it has the operation, the baseline. */
export function loadScenarios(servers: Servers, fixtures: Fixtures, options: BenchOptions): Scenario[] {
  const { gateway, baseline, hello } = servers;
  const { pool } = fixtures;
  const { low, high, saturating } = options.concurrency;
  const blobs = pool.map((u) => u.blob);
  const tokens = pool.map((u) => u.token);
  const addresses = pool.map((u) => u.address);
  const jwts = pool.map((u) => u.jwt);
  const importRuns = (): ScenarioRun[] => [
    { server: gateway, next: cycle(blobs.map(gatewayRequests.import)), ok: answers('"sessionToken"') },
    { server: baseline, next: cycle(blobs.map(baselineRequests.import)), ok: answers('"imported":true') },
  ];
  // Consecutive requests come from different users, and every window of mixedUsers holds all four operations.
  const mixedUsers = pool.slice(0, options.mixedUsers);
  const mixedOperations = [
    (u: PoolUser) => gatewayRequests.session(u.token),
    (u: PoolUser) => gatewayRequests.issueJwt(u.token),
    (u: PoolUser) => gatewayRequests.verifyWallet(u.address),
    (u: PoolUser) => gatewayRequests.keepAlive(u.token),
  ];
  const mixed = Array.from({ length: mixedUsers.length * mixedOperations.length }, (_, i) => {
    const operation = mixedOperations[(i + Math.floor(i / mixedUsers.length)) % mixedOperations.length];
    return operation?.(mixedUsers[i % mixedUsers.length] as PoolUser) as HttpRequest;
  });
  return [
    { name: "import", connections: low, runs: importRuns() },
    { name: "import", connections: high, runs: importRuns() },
    {
      name: "sessionStored",
      connections: low,
      runs: [{ server: gateway, next: cycle(tokens.map(gatewayRequests.sessionStored)), ok: answers('"expiresAt"') }],
    },
    {
      name: "session",
      connections: low,
      runs: [
        { server: gateway, next: cycle(tokens.map(gatewayRequests.session)), ok: answers('"active":true') },
        { server: baseline, next: cycle(blobs.map(baselineRequests.session)), ok: answers('"active":true') },
      ],
    },
    {
      name: "issueJwt",
      connections: low,
      runs: [
        { server: gateway, next: cycle(tokens.map(gatewayRequests.issueJwt)), ok: answers('"token"') },
        { server: baseline, next: cycle(blobs.map(baselineRequests.issueJwt)), ok: answers('"token"') },
      ],
    },
    {
      name: "keepAlive",
      connections: low,
      runs: [{ server: gateway, next: cycle(tokens.map(gatewayRequests.keepAlive)), ok: answers('"alive":true') }],
    },
    {
      name: "verifyWallet",
      connections: saturating,
      runs: [
        { server: gateway, next: cycle(addresses.map(gatewayRequests.verifyWallet)), ok: answers('"verified":true') },
        { server: baseline, next: cycle(addresses.map(baselineRequests.verifyWallet)), ok: answers('"verified":true') },
        { server: hello, next: helloRequest, ok: answers('"world"') },
      ],
    },
    {
      name: "verifyJwt",
      connections: saturating,
      runs: [{ server: gateway, next: cycle(jwts.map(gatewayRequests.verifyJwt)), ok: answers('"valid":true') }],
    },
    {
      name: "mixed",
      connections: mixedUsers.length,
      runs: [
        { server: gateway, next: cycle(mixed), ok: (body) => body.includes('"data"') && !MIXED_FAILURE.test(body) },
      ],
    },
  ];
}

/**
 * Runs every scenario in order. A server's first run follows an unmeasured warm-up with the same requests,
 * unless it is already warm (the gateway, from the first memory phase: its imports are counted).
 */
export async function runScenarios(
  scenarios: Scenario[],
  upstream: Upstream,
  options: BenchOptions,
  alreadyWarm: Server[],
  report: (m: Measurement) => void,
): Promise<Measurement[]> {
  const warmed = new Set<Server>(alreadyWarm);
  const measurements: Measurement[] = [];
  for (const { name, connections, runs } of scenarios) {
    for (const { server, next, ok } of runs) {
      if (!warmed.has(server)) {
        await runLoad({ url: server.url, connections, durationSec: options.warmupSec, next, ok });
        warmed.add(server);
      }
      const m = await measure(name, server, { connections, durationSec: options.durationSec, next, ok }, upstream);
      report(m);
      measurements.push(m);
    }
  }
  return measurements;
}
