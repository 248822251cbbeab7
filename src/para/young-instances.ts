import { setFlagsFromString } from "node:v8";

/**
 * Turns V8's allocation-site pretenuring off for this process: called before the first SDK instance.
 *
 * V8 allocates straight into the old space at any site whose objects mostly survived the last scavenges.
 * A fresh SDK instance per request tipped it over (measured on Node 24, docs/performance-sdk-cost.md):
 * once an instance's sites were pretenured, their old objects held the instance's young ones, so an
 * instance built and dropped at once still reached the old space (11 KB each). The heap then needed a
 * full collection every few hundred operations, and each one sent the request path back to TurboFan.
 * Without pretenuring, per-request objects die young as they should; what a gateway keeps for long
 * (caches, the store's records) is built a little at a time, so allocating it young first costs little.
 */
export function keepSdkInstancesYoung(): void {
  setFlagsFromString("--no-allocation-site-pretenuring");
}
