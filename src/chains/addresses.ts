import { keccak_256 } from "@noble/hashes/sha3.js";
import { base58, bech32, hex } from "@scure/base";
import { LRUCache } from "lru-cache";
import type { WalletType } from "../verifier/wallet-types.js";

// One list of wallet types: the verifier package's (backends install it without this module).
export { isWalletType, WALLET_TYPES, type WalletType } from "../verifier/wallet-types.js";

/** EIP-55: the case of each hex letter carries a checksum bit. */
export function toChecksumAddress(lowerHex40: string): string {
  const hash = hex.encode(keccak_256(new TextEncoder().encode(lowerHex40)));
  let out = "0x";
  for (let i = 0; i < 40; i++) {
    const c = lowerHex40[i] as string;
    out += Number.parseInt(hash[i] as string, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

/** The address a wallet of this type has for these key bytes (20 for EVM/Cosmos, 32 for Solana). */
export function encodeAddress(type: WalletType, bytes: Uint8Array, cosmosPrefix = "cosmos"): string {
  switch (type) {
    case "EVM":
      return toChecksumAddress(hex.encode(bytes.subarray(0, 20)));
    case "SOLANA":
      return base58.encode(bytes.subarray(0, 32));
    case "COSMOS":
      return bech32.encode(cosmosPrefix, bech32.toWords(bytes.subarray(0, 20)));
  }
}

const EVM_PATTERN = /^0x[0-9a-fA-F]{40}$/;
const BASE58_PATTERN = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;
const BECH32_PATTERN = /^[a-z0-9]{1,83}1[02-9ac-hj-np-z]{6,}$/;

/** Longest address of any supported chain; anything longer is rejected before parsing. */
export const MAX_ADDRESS_LENGTH = 90;

/** Why an address is not one of a supported chain: a code a client can branch on. */
export const ADDRESS_PROBLEMS = [
  "EMPTY",
  "TOO_LONG",
  "MALFORMED_EVM",
  "EVM_CHECKSUM",
  "MALFORMED_COSMOS",
  "MALFORMED_SOLANA",
  "UNKNOWN_FORMAT",
] as const;
export type AddressProblem = (typeof ADDRESS_PROBLEMS)[number];

type Classification = { type: WalletType } | { problem: AddressProblem; error: string };

const tooLong: Classification = {
  problem: "TOO_LONG",
  error: `The address is longer than ${MAX_ADDRESS_LENGTH} characters.`,
};

/** Addresses come back again and again (the same wallets are verified repeatedly); keccak need not run each time. */
const classified = new LRUCache<string, Classification>({ max: 10_000 });

/**
 * Which chain a well-formed address belongs to, or why it is not one.
 * EVM addresses in mixed case must carry a valid EIP-55 checksum; all-lower or all-upper are accepted
 * as EIP-55 allows. Solana addresses must decode to 32 bytes; Cosmos ones must pass bech32's checksum.
 */
export function classifyAddress(address: string): Classification {
  if (address.length > MAX_ADDRESS_LENGTH) return tooLong;
  let result = classified.get(address);
  if (!result) {
    result = classify(address);
    classified.set(address, result);
  }
  return result;
}

function classify(address: string): Classification {
  if (address.length === 0) return { problem: "EMPTY", error: "The address is empty." };
  if (address.length > MAX_ADDRESS_LENGTH) return tooLong;
  if (address.startsWith("0x") || address.startsWith("0X")) {
    if (!EVM_PATTERN.test(address))
      return { problem: "MALFORMED_EVM", error: "An EVM address is 0x followed by 40 hex digits." };
    const body = address.slice(2);
    const mixed = body !== body.toLowerCase() && body !== body.toUpperCase();
    if (mixed && toChecksumAddress(body.toLowerCase()) !== address) {
      return {
        problem: "EVM_CHECKSUM",
        error: "The EVM address fails its EIP-55 checksum: check for a mistyped character.",
      };
    }
    return { type: "EVM" };
  }
  // A lowercase base58 string can look like bech32, so each decoder gets its turn before failing.
  const cosmos = BECH32_PATTERN.test(address) ? decodeBech32(address) : undefined;
  if (cosmos === 20 || cosmos === 32) return { type: "COSMOS" };
  if (BASE58_PATTERN.test(address) && decodeBase58(address) === 32) return { type: "SOLANA" };
  if (cosmos !== undefined) {
    return {
      problem: "MALFORMED_COSMOS",
      error: "The Cosmos (bech32) address fails its checksum or does not hold a 20- or 32-byte account.",
    };
  }
  if (BASE58_PATTERN.test(address))
    return { problem: "MALFORMED_SOLANA", error: "A Solana address is the base58 form of 32 bytes." };
  return { problem: "UNKNOWN_FORMAT", error: "Not an EVM (0x…), Solana (base58) or Cosmos (bech32) address." };
}

/** Byte length of a bech32 payload, or -1 when the checksum fails. */
function decodeBech32(address: string): number {
  try {
    return bech32.fromWords(bech32.decode(address as `${string}1${string}`).words).length;
  } catch {
    return -1;
  }
}

function decodeBase58(address: string): number {
  try {
    return base58.decode(address).length;
  } catch {
    return -1;
  }
}
