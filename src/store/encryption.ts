import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from "node:crypto";

/** Raised when a record cannot be decrypted: wrong key, or tampered data. Reads fail closed. */
export class DecryptionError extends Error {}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 4;

/**
 * AES-256-GCM. A sealed record is `version | key id | iv | tag | ciphertext`; the key id (a hash prefix
 * of the key) lets old keys keep decrypting after rotation while the first key encrypts everything new.
 * The additional data binds a record to its id, so a ciphertext moved to another id does not open.
 */
export class Cipher {
  /** KeyObjects, made once: given a Buffer, every createCipheriv checks it for a KeyObject by a throw (~12 µs). */
  private readonly keys: { id: Buffer; key: KeyObject }[];

  constructor(keys: Buffer[]) {
    if (keys.length === 0 || keys.some((k) => k.length !== 32)) throw new Error("AES-256-GCM keys are 32 bytes");
    this.keys = keys.map((key) => ({
      id: createHash("sha256").update(key).digest().subarray(0, KEY_ID_BYTES),
      key: createSecretKey(key),
    }));
  }

  seal(plaintext: Buffer, aad: string): Buffer {
    const { id, key } = this.keys[0] as { id: Buffer; key: KeyObject };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), id, iv, cipher.getAuthTag(), body]);
  }

  /** Whether a record was sealed under the current key (else it is due to be sealed again). */
  isCurrent(sealed: Buffer): boolean {
    return sealed.subarray(1, 1 + KEY_ID_BYTES).equals((this.keys[0] as { id: Buffer }).id);
  }

  open(sealed: Buffer, aad: string): Buffer {
    const header = 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;
    if (sealed.length < header || sealed[0] !== VERSION) throw new DecryptionError("not a sealed record");
    const keyId = sealed.subarray(1, 1 + KEY_ID_BYTES);
    const entry = this.keys.find((k) => k.id.equals(keyId));
    if (!entry) throw new DecryptionError("sealed with a key this gateway does not have");
    const iv = sealed.subarray(1 + KEY_ID_BYTES, 1 + KEY_ID_BYTES + IV_BYTES);
    const tag = sealed.subarray(1 + KEY_ID_BYTES + IV_BYTES, header);
    try {
      const decipher = createDecipheriv("aes-256-gcm", entry.key, iv).setAAD(Buffer.from(aad)).setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(header)), decipher.final()]);
    } catch {
      throw new DecryptionError("record failed authentication");
    }
  }
}
