import { setFlagsFromString } from "node:v8";

/**
 * Turns V8's allocation-site pretenuring off for this process: called before the first SDK instance.
 *
 * V8 allocates straight into the old space at any site whose objects mostly survived the last scavenges.
 * A fresh SDK `Para` object per request tipped it over (measured on Node 24, docs/performance-sdk-cost.md):
 * once the constructor's sites were pretenured, their old objects held the instance's young ones, so an
 * instance built and dropped at once still reached the old space (10 KB each). The heap then needed a
 * full collection every few hundred operations, and each one sent the request path back to TurboFan.
 * Full instances (PARA_LEAN_INSTANCE=off, or lean ones turned off by an SDK that changed) build one per
 * request; lean instances build only the SDK's client and promote about 2.5 KB either way. Without
 * pretenuring, per-request objects die young as they should; what a gateway keeps for long (caches, the
 * store's records) is built a little at a time, so allocating it young first costs little.
 */
export function keepSdkInstancesYoung(): void {
  setFlagsFromString("--no-allocation-site-pretenuring");
}
