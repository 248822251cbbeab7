import { randomUUID } from "node:crypto";
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * Para signs JWTs with RS256 keys published in its JWKS; `issueJwt({ keyIndex })` picks one.
 * Two keys, so that clients that cache the JWKS by `kid` are exercised.
 */
export class SigningKeys {
  private constructor(private readonly keys: SigningKey[]) {}

  static async generate(count = 2): Promise<SigningKeys> {
    const keys: SigningKey[] = [];
    for (let i = 0; i < count; i++) {
      const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
      const kid = randomUUID();
      keys.push({ kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } });
    }
    return new SigningKeys(keys);
  }

  has(keyIndex: number): boolean {
    return Number.isInteger(keyIndex) && keyIndex >= 0 && keyIndex < this.keys.length;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => k.publicJwk) };
  }

  async sign(
    keyIndex: number,
    claims: { data: Record<string, unknown>; sub: string; aud: string; iat: number; exp: number },
  ) {
    const key = this.keys[keyIndex];
    if (!key) throw new Error(`no signing key ${keyIndex}`);
    const token = await new SignJWT({ data: claims.data })
      .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
      .setSubject(claims.sub)
      .setAudience(claims.aud)
      .setIssuedAt(claims.iat)
      .setExpirationTime(claims.exp)
      .sign(key.privateKey);
    return { token, keyId: key.kid };
  }
}
