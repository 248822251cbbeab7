import { randomUUID } from "node:crypto";
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export interface JwtClaimsInput {
  data: Record<string, unknown>;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
}

/**
 * Para signs JWTs with RS256 keys published in its JWKS; `issueJwt({ keyIndex })` picks one. Two keys,
 * so that clients that cache the JWKS by `kid` are exercised. Rotation (an admin route) gives each
 * index a new current key and keeps the old ones published until they are retired, as a provider
 * rotating keys without breaking tokens already issued does.
 */
export class SigningKeys {
  private constructor(
    private current: SigningKey[],
    private previous: SigningKey[] = [],
  ) {}

  static async generate(count = 2): Promise<SigningKeys> {
    return new SigningKeys(await Promise.all(Array.from({ length: count }, newKey)));
  }

  has(keyIndex: number): boolean {
    return Number.isInteger(keyIndex) && keyIndex >= 0 && keyIndex < this.current.length;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [...this.current, ...this.previous].map((k) => k.publicJwk) };
  }

  /** New current keys; the old ones stay in the JWKS. Returns the new kids. */
  async rotate(): Promise<string[]> {
    const next = await Promise.all(this.current.map(newKey));
    this.previous = [...this.current, ...this.previous];
    this.current = next;
    return next.map((k) => k.kid);
  }

  /** Removes every key but the current ones from the JWKS. */
  retire(): string[] {
    this.previous = [];
    return this.current.map((k) => k.kid);
  }

  async sign(keyIndex: number, claims: JwtClaimsInput) {
    const key = this.current[keyIndex];
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
