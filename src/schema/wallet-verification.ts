import { builder } from "../builder.js";
import { classifyAddress } from "../chains/addresses.js";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";

/** Most addresses one verifyWallets call may ask about. */
export const MAX_ADDRESSES_PER_CALL = 100;

interface WalletVerification {
  address: string;
  verified: boolean;
  walletId: string | null;
}

const WalletVerificationRef = builder.objectRef<WalletVerification>("WalletVerification").implement({
  description: "Whether a user of this app owns a wallet with this address, according to Para.",
  fields: (t) => ({
    address: t.exposeString("address", { description: "The address asked about, as given." }),
    verified: t.exposeBoolean("verified", { description: "true when one of the app's users owns it." }),
    walletId: t.exposeID("walletId", { nullable: true, description: "The wallet's id when verified." }),
  }),
});

/** The loader key: EVM addresses compare without case (case only carries EIP-55's checksum). */
function loaderKey(address: string): string {
  const result = classifyAddress(address);
  if ("error" in result)
    throw badInput(`${result.error} (address: ${JSON.stringify(address.slice(0, 100))})`, "address");
  return result.type === "EVM" ? address.toLowerCase() : address;
}

async function verify(ctx: Context, address: string, key: string): Promise<WalletVerification> {
  const walletId = await ctx.gateway.walletIds.load(key);
  return { address, verified: walletId !== null, walletId };
}

builder.queryField("verifyWallet", (t) =>
  t.field({
    type: WalletVerificationRef,
    description:
      "Checks with Para whether a user of this app owns the address (EVM 0x…, Solana base58, Cosmos bech32). Needs PARA_SECRET_API_KEY.",
    args: { address: t.arg.string({ required: true, description: "The wallet address." }) },
    resolve: (_root, { address }, ctx) => verify(ctx, address, loaderKey(address)),
  }),
);

builder.queryField("verifyWallets", (t) =>
  t.field({
    type: [WalletVerificationRef],
    description: `verifyWallet for each address, answers in the same order; each distinct address is asked once. At most ${MAX_ADDRESSES_PER_CALL} addresses.`,
    args: { addresses: t.arg.stringList({ required: true, description: "The wallet addresses." }) },
    resolve: (_root, { addresses }, ctx) => {
      if (addresses.length > MAX_ADDRESSES_PER_CALL) {
        throw badInput(`At most ${MAX_ADDRESSES_PER_CALL} addresses per call; split the list.`, "addresses");
      }
      const keys = addresses.map(loaderKey);
      return Promise.all(addresses.map((address, i) => verify(ctx, address, keys[i] as string)));
    },
  }),
);
