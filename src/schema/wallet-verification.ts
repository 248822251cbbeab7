import { builder } from "../builder.js";
import { ADDRESS_PROBLEMS, type AddressProblem, classifyAddress } from "../chains/addresses.js";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";

interface Problem {
  code: AddressProblem;
  message: string;
}

interface WalletVerification {
  address: string;
  verified: boolean;
  walletId: string | null;
  /** Why the address could not be asked about; null when it was. */
  problem: Problem | null;
}

const PROBLEM_MEANINGS: Record<AddressProblem, string> = {
  EMPTY: "The address is empty.",
  TOO_LONG: "Longer than any supported chain's address.",
  MALFORMED_EVM: "Starts with 0x but is not 40 hex digits.",
  EVM_CHECKSUM: "Mixed case that fails EIP-55's checksum: a mistyped character.",
  MALFORMED_COSMOS: "bech32 that fails its checksum or holds no 20- or 32-byte account.",
  MALFORMED_SOLANA: "base58 that does not decode to 32 bytes.",
  UNKNOWN_FORMAT: "Not an EVM, Solana or Cosmos address.",
};

const AddressProblemCode = builder.enumType("AddressProblemCode", {
  description: "Why an address was not checked.",
  values: Object.fromEntries(ADDRESS_PROBLEMS.map((p) => [p, { value: p, description: PROBLEM_MEANINGS[p] }])),
});

const AddressProblemRef = builder.objectRef<Problem>("AddressProblem").implement({
  description: "Why an address was not checked: a code to branch on and a message to show.",
  fields: (t) => ({
    code: t.field({ type: AddressProblemCode, description: "What is wrong.", resolve: (p) => p.code }),
    message: t.exposeString("message", { description: "What is wrong, in words, with the address quoted." }),
  }),
});

const WalletVerificationRef = builder.objectRef<WalletVerification>("WalletVerification").implement({
  description: "Whether a user of this app owns a wallet with this address, according to Para.",
  fields: (t) => ({
    address: t.exposeString("address", { description: "The address asked about, as given." }),
    verified: t.exposeBoolean("verified", { description: "true when one of the app's users owns it." }),
    walletId: t.exposeID("walletId", { nullable: true, description: "The wallet's id when verified." }),
    problem: t.field({
      type: AddressProblemRef,
      nullable: true,
      resolve: (v) => v.problem,
      description:
        "Why this address was not checked (malformed for its chain), in verifyWallets; null when it was. The other addresses of the list are answered all the same.",
    }),
  }),
});

/** The loader key (EVM addresses compare without case: case only carries EIP-55's checksum), or what is wrong. */
function loaderKey(address: string): { key: string } | { problem: Problem } {
  const result = classifyAddress(address);
  if ("error" in result)
    return {
      problem: { code: result.problem, message: `${result.error} (address: ${JSON.stringify(address.slice(0, 100))})` },
    };
  return { key: result.type === "EVM" ? address.toLowerCase() : address };
}

async function verify(ctx: Context, address: string, key: string): Promise<WalletVerification> {
  const walletId = await ctx.gateway.walletIds.load(key);
  // The answer may be served again for as long as the wallet cache remembers it, and no longer.
  ctx.gateway.reusableFor(ctx.gateway.services.wallets.remainingMs(key));
  return { address, verified: walletId !== null, walletId, problem: null };
}

builder.queryField("verifyWallet", (t) =>
  t.field({
    type: WalletVerificationRef,
    description:
      "Checks with Para whether a user of this app owns the address (EVM 0x…, Solana base58, Cosmos bech32). For backends: needs a gateway key (X-Gateway-Key) unless VERIFY_ACCESS=public. Needs PARA_SECRET_API_KEY.",
    args: { address: t.arg.string({ required: true, description: "The wallet address." }) },
    resolve: async (_root, { address }, ctx) => {
      ctx.gateway.requireBackend();
      const checked = loaderKey(address);
      if ("problem" in checked) throw badInput(checked.problem.message, "address");
      return verify(ctx, address, checked.key);
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
      // A malformed entry is answered with its problem; the rest of the list is checked all the same.
      return Promise.all(
        addresses.map((address) => {
          const checked = loaderKey(address);
          if ("problem" in checked) return { address, verified: false, walletId: null, problem: checked.problem };
          return verify(ctx, address, checked.key);
        }),
      );
    },
  }),
);
