import { setTimeout as sleep } from "node:timers/promises";
import type { Upstream } from "./measure.js";
import { graphql, VERIFY_WALLETS } from "./operations.js";

export interface VerifyWalletsPass {
  /** `POST /wallets/verify` calls the emulator counted for the one operation. */
  upstreamCalls: number;
  /** Whether the answer was complete: no errors, every address in order and verified. */
  correct: boolean;
  ms: number;
}

export interface VerifyWalletsCheck {
  addresses: number;
  distinct: number;
  cold: VerifyWalletsPass;
  warm: VerifyWalletsPass;
}

/** One verifyWallets operation of 100 addresses, 50 distinct, sent twice: upstream calls cold, then warm. Not a load test. */
export async function checkVerifyWallets(
  { admin, settleMs }: Upstream,
  gatewayUrl: string,
  distinct: string[],
): Promise<VerifyWalletsCheck> {
  const addresses = [...distinct, ...distinct];
  const pass = async (): Promise<VerifyWalletsPass> => {
    // Requests cut off at the end of the previous run still reach Para: not this operation's calls.
    await sleep(settleMs);
    await admin.resetStats();
    const started = performance.now();
    const res = await graphql<{ verifyWallets: { address: string; verified: boolean }[] }>(gatewayUrl, VERIFY_WALLETS, {
      addresses,
    });
    const ms = performance.now() - started;
    const answers = res.data?.verifyWallets ?? [];
    const correct =
      !res.errors &&
      answers.length === addresses.length &&
      answers.every((a, i) => a.verified && a.address === addresses[i]);
    return { upstreamCalls: (await admin.stats())["POST /wallets/verify"] ?? 0, correct, ms };
  };
  return { addresses: addresses.length, distinct: distinct.length, cold: await pass(), warm: await pass() };
}
