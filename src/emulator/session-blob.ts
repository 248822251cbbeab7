import { currentWalletIds, type Session, type User } from "./model.js";

/**
 * A session serialized the way the client SDK's `exportSession()` does it: base64 of the JSON of
 * `{ authInfo, userId, wallets, currentWalletIds, sessionCookie, externalWallets }`, in that order.
 */
export function serializeSession(user: User, session: Session, sessionCookie: string, excludeSigners: boolean): string {
  const wallets: Record<string, Record<string, unknown>> = {};
  for (const w of user.wallets) {
    const { signer, ...rest } = w;
    wallets[w.id] = excludeSigners ? { ...rest, isPregen: false } : { ...rest, isPregen: false, signer };
  }
  const sessionInfo = {
    authInfo: { auth: { [user.authType]: user.identifier }, authType: user.authType, identifier: user.identifier },
    userId: user.id,
    wallets,
    currentWalletIds: currentWalletIds(user),
    sessionCookie,
    externalWallets: {},
  };
  if (session.userId !== user.id) throw new Error("session belongs to another user");
  return Buffer.from(JSON.stringify(sessionInfo)).toString("base64");
}
