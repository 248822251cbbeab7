import { timingSafeEqual } from "node:crypto";
import { gatewayKeyDigest } from "../runtime/config.js";

/** The header a backend sends its gateway key in. */
export const GATEWAY_KEY_HEADER = "x-gateway-key";

/**
 * Whether the request carries one of the gateway's backend keys. Keys are kept and compared as
 * SHA-256 digests, in constant time, so neither the configuration in memory nor the timing gives one away.
 */
export function hasGatewayKey(headers: Headers, digests: Buffer[]): boolean {
  const key = headers.get(GATEWAY_KEY_HEADER);
  if (!key) return false;
  const digest = gatewayKeyDigest(key);
  return digests.some((d) => timingSafeEqual(d, digest));
}
