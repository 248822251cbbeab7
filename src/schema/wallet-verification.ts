import { builder } from "../builder.js";
import { classifyAddress } from "../chains/addresses.js";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";

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
      "Checks with Para whether a user of this app owns the address (EVM 0x…, Solana base58, Cosmos bech32). For backends: needs a gateway key (X-Gateway-Key) unless VERIFY_ACCESS=public. Needs PARA_SECRET_API_KEY.",
    args: { address: t.arg.string({ required: true, description: "The wallet address." }) },
    resolve: async (_root, { address }, ctx) => {
      ctx.gateway.requireBackend();
      return verify(ctx, address, loaderKey(address));
    },
  }),
);

builder.queryField("verifyWallets", (t) =>
  t.field({
    type: [WalletVerificationRef],
    description:
      "verifyWallet for each address, answers in the same order; each distinct address is asked once. At most MAX_ADDRESSES (100 by default) addresses. For backends, like verifyWallet.",
    args: { addresses: t.arg.stringList({ required: true, description: "The wallet addresses." }) },
    resolve: async (_root, { addresses }, ctx) => {
      ctx.gateway.requireBackend();
      const max = ctx.gateway.services.config.limits.maxAddresses;
      if (addresses.length > max) throw badInput(`At most ${max} addresses per call; split the list.`, "addresses");
      const keys = addresses.map(loaderKey);
      return Promise.all(addresses.map((address, i) => verify(ctx, address, keys[i] as string)));
    },
  }),
);
