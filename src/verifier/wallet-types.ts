/** The wallet types this gateway, its verifier and the emulator know, as Para names them. */
export const WALLET_TYPES = ["EVM", "SOLANA", "COSMOS"] as const;
export type WalletType = (typeof WALLET_TYPES)[number];

export function isWalletType(value: unknown): value is WalletType {
  return typeof value === "string" && (WALLET_TYPES as readonly string[]).includes(value);
}
