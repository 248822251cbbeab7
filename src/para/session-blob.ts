import { z } from "zod";
import { WALLET_TYPES } from "../chains/addresses.js";
import { badInput } from "../errors.js";
import type { StoredWallet } from "../store/session-store.js";

const walletSchema = z
  .object({
    id: z.string().min(1),
    type: z.enum(WALLET_TYPES, {
      errorMap: () => ({ message: `wallet type must be one of ${WALLET_TYPES.join(", ")}` }),
    }),
    address: z.string().optional(),
    publicKey: z.string().optional(),
    signer: z.string().optional(),
  })
  .passthrough();

const sessionSchema = z
  .object({
    authInfo: z.object({ authType: z.string().min(1), identifier: z.string().min(1) }).passthrough(),
    userId: z.string().min(1),
    wallets: z.record(walletSchema),
    currentWalletIds: z.record(z.array(z.string())).optional(),
    sessionCookie: z.string().min(1, "sessionCookie is empty"),
    externalWallets: z.record(z.unknown()).optional(),
  })
  .passthrough();

export interface ParsedSession {
  userId: string;
  authType: string;
  identifier: string;
  wallets: StoredWallet[];
  signersPresent: boolean;
  /** When Para's cookie says the session ends (epoch ms), if it says. */
  cookieExpiresAt: number | undefined;
  /** The same session re-serialized, without signers when they are to be dropped. */
  blob: string;
}

const SHAPE_HINT = "Pass exactly the string the client SDK's exportSession() returned.";

/** Checks a serialized session (what `exportSession()` returns) and reads what the gateway keeps of it. */
export function parseSessionBlob(blob: string, options: { keepSigners: boolean; maxBytes: number }): ParsedSession {
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
    json = JSON.parse(Buffer.from(blob, "base64").toString("utf8"));
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
  let kept = blob;
  if (signersPresent && !options.keepSigners) {
    // Re-serialized in exportSession's own way: the same object with each wallet's signer deleted.
    for (const w of Object.values((json as { wallets: Record<string, Record<string, unknown>> }).wallets)) {
      delete w.signer;
    }
    kept = Buffer.from(JSON.stringify(json)).toString("base64");
  }
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
    cookieExpiresAt: cookieExpiry(session.sessionCookie),
    blob: kept,
  };
}

/** The `Expires` of a session cookie string (`capsule.sid=…; Path=/; Expires=…`), in epoch ms. */
export function cookieExpiry(cookie: string): number | undefined {
  const match = /(?:^|;)\s*Expires=([^;]+)/i.exec(cookie);
  const at = match ? Date.parse(match[1] as string) : Number.NaN;
  return Number.isFinite(at) ? at : undefined;
}

/** The blob with Para's renewed session cookie in place of the old one; everything else as it was. */
export function withSessionCookie(blob: string, sessionCookie: string): string {
  const json = JSON.parse(Buffer.from(blob, "base64").toString("utf8")) as { sessionCookie: string };
  json.sessionCookie = sessionCookie;
  return Buffer.from(JSON.stringify(json)).toString("base64");
}
