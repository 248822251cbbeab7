import { describe, expect, it } from "vitest";
import { classifyAddress, encodeAddress } from "../../src/chains/addresses.js";

describe("classifyAddress", () => {
  it("accepts EIP-55 checksummed, all-lower and all-upper EVM addresses", () => {
    for (const a of [
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
      "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
      "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
      "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
    ]) {
      expect(classifyAddress(a)).toEqual({ type: "EVM" });
    }
  });

  it("rejects a mixed-case EVM address whose checksum fails, and wrong lengths", () => {
    expect(classifyAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).toMatchObject({ error: /checksum/ });
    expect(classifyAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea")).toMatchObject({ error: /40 hex/ });
    expect(classifyAddress("0xZZaeb6053f3e94c9b9a09f33669435e7ef1beaed")).toMatchObject({ error: /40 hex/ });
  });

  it("accepts Solana addresses of 32 bytes and rejects other base58 lengths", () => {
    expect(classifyAddress("11111111111111111111111111111111")).toEqual({ type: "SOLANA" });
    expect(classifyAddress(encodeAddress("SOLANA", new Uint8Array(32).fill(7)))).toEqual({ type: "SOLANA" });
    expect(classifyAddress("1111111111111111111111111111111111111111")).toMatchObject({ error: /32 bytes/ });
  });

  it("accepts bech32 Cosmos addresses and rejects a changed character", () => {
    const good = encodeAddress("COSMOS", new Uint8Array(20).fill(9));
    expect(good).toMatch(/^cosmos1/);
    expect(classifyAddress(good)).toEqual({ type: "COSMOS" });
    const bad = `${good.slice(0, -1)}${good.endsWith("q") ? "p" : "q"}`;
    expect(classifyAddress(bad)).toMatchObject({ error: /Cosmos/ });
  });

  it("rejects empty, huge and look-alike input", () => {
    expect(classifyAddress("")).toMatchObject({ error: /empty/ });
    expect(classifyAddress("0x".padEnd(500, "a"))).toMatchObject({ error: /longer/ });
    // Cyrillic "а" in place of the Latin "a"
    expect(classifyAddress("0x5\u0430aeb6053f3e94c9b9a09f33669435e7ef1beaed")).toMatchObject({ error: /40 hex/ });
    expect(classifyAddress("hello world")).toMatchObject({ error: /Not an EVM/ });
  });
});
