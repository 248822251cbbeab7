import dns from "node:dns";

/**
 * Test-only routing, named as such: the SDK's DEV environment is fixed at localhost:8080, so test files
 * that run side by side give each their emulator a loopback address of its own (EMULATOR_HOST) and send
 * "localhost" there, as a line in /etc/hosts would. Nothing else changes: the real SDK still talks HTTP to
 * a real emulator. Loaded into the test workers (test/support/worker-setup.ts) and, through NODE_OPTIONS,
 * into every process they start (`workerEnv`), so it is erasable TypeScript that Node runs as it is.
 */
/** Where "localhost" leads, kept on the dns module itself: one place, whichever copy of this file set it. */
const ROUTE = Symbol.for("para-gateway-tests.localhost-route");
type Routed = typeof dns & { [ROUTE]?: string };

/** Sends "localhost" to `address` from now on (the latest call wins; dns.lookup is wrapped once). */
export function routeLocalhostTo(address: string): void {
  const routed = dns as Routed;
  const wrapped = routed[ROUTE] !== undefined;
  routed[ROUTE] = address;
  if (wrapped) return;
  const lookup = dns.lookup;
  // biome-ignore lint/suspicious/noExplicitAny: dns.lookup's overloads, passed through unchanged
  dns.lookup = function (this: unknown, hostname: string, ...rest: any[]) {
    return (lookup as (...args: unknown[]) => unknown).call(
      this,
      hostname === "localhost" ? routed[ROUTE] : hostname,
      ...rest,
    );
  } as typeof dns.lookup;
}

if (process.env.EMULATOR_HOST) routeLocalhostTo(process.env.EMULATOR_HOST);
