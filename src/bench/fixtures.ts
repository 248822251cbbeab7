import type { EmulatorAdmin, EmulatorUser } from "../emulator/admin-client.js";
import { graphql, IMPORT, VERIFY_JWT, VERIFY_WALLET } from "./operations.js";

export interface PoolUser {
  user: EmulatorUser;
  /** The session as the client SDK's exportSession({ excludeSigners: true }) makes it. */
  blob: string;
  /** The gateway's handle for it, from one import before any run. */
  token: string;
  /** The user's EVM address, verified once through the gateway before any run (warm). */
  address: string;
  /** A JWT Para signed for the user, verified once through the gateway before any run (warm key set). */
  jwt: string;
}

export interface Fixtures {
  pool: PoolUser[];
  /** Addresses of users made only for them, never asked about before the verifyWallets check (cold). */
  coldAddresses: string[];
}

/** `count` distinct sessions of the pool's users, none imported yet: for the memory phase. */
export async function distinctSessions(admin: EmulatorAdmin, pool: PoolUser[], count: number): Promise<string[]> {
  return inParallel(Array.from({ length: count }), async (_, i) => {
    const owner = pool[i % pool.length] as PoolUser;
    return (await admin.createSession(owner.user.userId, { excludeSigners: true })).session;
  });
}

const PARALLEL = 20;
const COLD_ADDRESSES = 50;

/** Users and live sessions through the admin API; each session imported into the gateway once, each address warmed. */
export async function prepareFixtures(admin: EmulatorAdmin, gatewayUrl: string, poolSize: number): Promise<Fixtures> {
  const pool = await inParallel(Array.from({ length: poolSize }), async () => {
    const user = await admin.createUser({ walletTypes: ["EVM"] });
    const { session } = await admin.createSession(user.userId, { excludeSigners: true });
    const imported = await graphql<{ importSession: { sessionToken: string } }>(gatewayUrl, IMPORT, { session });
    const token = imported.data?.importSession.sessionToken;
    if (!token) throw new Error(`the gateway did not import a fresh session: ${JSON.stringify(imported.errors)}`);
    const address = evmAddress(user);
    const verified = await graphql<{ verifyWallet: { verified: boolean } }>(gatewayUrl, VERIFY_WALLET, { address });
    if (!verified.data?.verifyWallet.verified) throw new Error(`the gateway did not verify ${address}`);
    const { token: jwt } = await admin.mintJwt({ userId: user.userId, expiresInSeconds: 24 * 3600 });
    const checked = await graphql<{ verifyJwt: { valid: boolean } }>(gatewayUrl, VERIFY_JWT, { token: jwt });
    if (!checked.data?.verifyJwt.valid) throw new Error("the gateway did not verify a Para JWT");
    return { user, blob: session, token, address, jwt };
  });
  const coldAddresses = await inParallel(Array.from({ length: COLD_ADDRESSES }), async () =>
    evmAddress(await admin.createUser({ walletTypes: ["EVM"] })),
  );
  return { pool, coldAddresses };
}

function evmAddress(user: EmulatorUser): string {
  const wallet = user.wallets.find((w) => w.type === "EVM");
  if (!wallet) throw new Error(`user ${user.userId} has no EVM wallet`);
  return wallet.address;
}

async function inParallel<T, R>(items: T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) {
    results.push(...(await Promise.all(items.slice(i, i + PARALLEL).map((item, j) => work(item, i + j)))));
  }
  return results;
}
