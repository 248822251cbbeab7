import { z } from "zod";
import { WALLET_TYPES } from "../chains/addresses.js";
import { badInput } from "../errors.js";
import type { StoredWallet } from "../store/session-store.js";
import type { ParaJwtClaims } from "../verifier/jwt-verifier.js";

/** No browser keeps a longer cookie, so no Para session cookie is longer: a padded one is refused before Para sees it. */
export const MAX_COOKIE_BYTES = 4096;
/** Para's ids, addresses and keys are far shorter; a longer field is padding. */
const FIELD = z.string().max(512);
const ID = z.string().min(1).max(128);

// The fields the gateway knows, and nothing else: zod strips unknown keys, so a blob re-serialized from
// this shape carries no field a client made up. Each is bounded; what is stored comes from Para's answer.
const walletSchema = z.object({
  id: ID,
  type: z.enum(WALLET_TYPES, {
    errorMap: () => ({ message: `wallet type must be one of ${WALLET_TYPES.join(", ")}` }),
  }),
  address: FIELD.optional(),
  publicKey: FIELD.optional(),
  scheme: z.string().max(32).optional(),
  userId: ID.optional(),
  signer: z.string().optional(),
});

const sessionSchema = z.object({
  authInfo: z.object({
    auth: z
      .record(z.string().max(64), FIELD)
      .refine((auth) => Object.keys(auth).length <= 4, "has more than 4 entries")
      .optional(),
    authType: ID,
    identifier: FIELD.min(1),
  }),
  userId: ID,
  wallets: z.record(walletSchema).refine((w) => Object.keys(w).length <= 64, "has more than 64 wallets"),
  currentWalletIds: z.record(z.array(ID).max(64)).default({}),
  sessionCookie: z
    .string()
    .min(1, "sessionCookie is empty")
    .max(MAX_COOKIE_BYTES, `sessionCookie is longer than ${MAX_COOKIE_BYTES} bytes, which no browser or Para sends`),
});

type SessionJson = z.infer<typeof sessionSchema>;

/** What a blob claims. A claim only: the import checks it against Para's answer before anything is stored. */
export interface ClaimedSession {
  userId: string;
  authType: string;
  identifier: string;
  wallets: StoredWallet[];
  signersPresent: boolean;
  /** The session re-serialized from the known fields (signers dropped unless kept): what the SDK imports. */
  blob: string;
  /** The parsed claim, for the blob that is stored once Para has answered (storedBlob). */
  json: SessionJson;
}

const SHAPE_HINT = "Pass exactly the string the client SDK's exportSession() returned.";

const encode = (json: SessionJson) => Buffer.from(JSON.stringify(json)).toString("base64");
/** A blob's JSON, unchecked: throws when it is not base64 of JSON. */
export const decodeBlob = (blob: string): unknown => JSON.parse(Buffer.from(blob, "base64").toString("utf8"));

/** Checks a serialized session (what `exportSession()` returns) and reads what it claims. */
export function parseSessionBlob(blob: string, options: { keepSigners: boolean; maxBytes: number }): ClaimedSession {
  if (blob.length === 0) throw badInput(`The session is empty. ${SHAPE_HINT}`, "session");
  if (blob.length > options.maxBytes) {
    throw badInput(
      `The session is larger than ${options.maxBytes} bytes (MAX_SESSION_BYTES). ${SHAPE_HINT}`,
      "session",
    );
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) throw badInput(`The session is not base64. ${SHAPE_HINT}`, "session");
  let json: unknown;
  try {
    json = decodeBlob(blob);
  } catch {
    throw badInput(`The session is base64, but not of JSON. ${SHAPE_HINT}`, "session");
  }
  const parsed = sessionSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "session"}: ${i.message}`).join("; ");
    throw badInput(`The session does not have the shape Para exports (${problems}). ${SHAPE_HINT}`, "session");
  }
  const session = parsed.data;
  const wallets = Object.values(session.wallets);
  const signersPresent = wallets.some((w) => typeof w.signer === "string" && w.signer.length > 0);
  if (!options.keepSigners) for (const w of wallets) delete w.signer;
  return {
    userId: session.userId,
    authType: session.authInfo.authType,
    identifier: session.authInfo.identifier,
    wallets: wallets.map((w) => ({
      id: w.id,
      type: w.type,
      address: w.address ?? null,
      publicKey: w.publicKey ?? null,
    })),
    signersPresent: signersPresent && options.keepSigners,
    blob: encode(session),
    json: session,
  };
}

/**
 * The blob the gateway stores once Para has answered: the user and wallets as Para's signed claims say
 * (a wallet is what Para's JWT says it is, not what the blob says), the login method, the cookie as
 * Para last set it, and from the claim only what Para's claims cannot carry and the SDK reads: a
 * wallet's scheme, its signer when STORE_SIGNERS keeps them, and the login's `auth` details (bounded).
 */
export function storedBlob(claimed: ClaimedSession, para: ParaJwtClaims, sessionCookie: string): string {
  const wallets: SessionJson["wallets"] = {};
  const currentWalletIds: Record<string, string[]> = {};
  for (const w of para.wallets) {
    const own = claimed.json.wallets[w.id];
    wallets[w.id] = {
      id: w.id,
      type: w.type,
      userId: para.userId,
      ...(w.address === null ? {} : { address: w.address }),
      ...(w.publicKey === null ? {} : { publicKey: w.publicKey }),
      ...(own?.scheme === undefined ? {} : { scheme: own.scheme }),
      ...(own?.signer === undefined ? {} : { signer: own.signer }),
    };
    currentWalletIds[w.type] = [...(currentWalletIds[w.type] ?? []), w.id];
  }
  const { auth } = claimed.json.authInfo;
  return encode({
    authInfo: { ...(auth ? { auth } : {}), authType: para.authType, identifier: para.identifier },
    userId: para.userId,
    wallets,
    currentWalletIds,
    sessionCookie,
  });
}

const sameAddress = (type: string, a: string | null, b: string | null) =>
  a === null || (b !== null && (type === "EVM" ? a.toLowerCase() === b.toLowerCase() : a === b));

/**
 * Refuses a blob that claims anything Para's signed answer does not say: another user, another login,
 * or a wallet that is not the user's (by id, type, address and public key). Para's values are not
 * echoed back: the message names only the field that differs.
 */
export function checkClaimAgainstPara(claimed: ClaimedSession, para: ParaJwtClaims): void {
  const mismatch = (what: string) =>
    badInput(`The session does not match what Para knows of it (${what} differs). ${SHAPE_HINT}`, "session");
  if (claimed.userId !== para.userId) throw mismatch("userId");
  if (claimed.authType !== para.authType) throw mismatch("authInfo.authType");
  if (claimed.identifier !== para.identifier) throw mismatch("authInfo.identifier");
  for (const wallet of claimed.wallets) {
    const known = para.wallets.find((w) => w.id === wallet.id);
    const same =
      known !== undefined &&
      known.type === wallet.type &&
      sameAddress(wallet.type, wallet.address, known.address) &&
      (wallet.publicKey === null || wallet.publicKey === known.publicKey);
    if (!same) throw mismatch(`wallets.${wallet.id}`);
  }
}

/** The `Expires` of a session cookie string (`capsule.sid=…; Path=/; Expires=…`), in epoch ms. */
export function cookieExpiry(cookie: string): number | undefined {
  const match = /(?:^|;)\s*Expires=([^;]+)/i.exec(cookie);
  const at = match ? Date.parse(match[1] as string) : Number.NaN;
  return Number.isFinite(at) ? at : undefined;
}

/**
 * A stored blob with Para's renewed session cookie in place of the old one; everything else as it was.
 * Not checked again: the blob is the gateway's own (storedBlob), read back from its authenticated store.
 */
export function withSessionCookie(blob: string, sessionCookie: string): string {
  return encode({ ...(decodeBlob(blob) as SessionJson), sessionCookie });
}
