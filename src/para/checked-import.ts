import type { Config } from "../runtime/config.js";
import type { StoredSession } from "../store/session-store.js";
import type { JwtVerifier, ParaJwtClaims } from "../verifier/jwt-verifier.js";
import type { ParaFactory } from "./para-factory.js";
import { ParaSession } from "./para-session.js";
import { checkClaimAgainstPara, parseSessionBlob, storedBlob } from "./session-blob.js";
import type { Upstream } from "./upstream.js";
import { upstreamError } from "./upstream-errors.js";

export interface ImportDeps {
  config: Pick<Config, "para" | "storeSigners" | "limits" | "keeper">;
  paraFactory: ParaFactory;
  upstream: Upstream;
  jwtVerifier: JwtVerifier;
}

/** An expiry Para gave, never further than Para's longest session from now. */
export const capExpiry = (config: Pick<Config, "para">, at: number) =>
  Math.min(at, Date.now() + config.para.sessionMaxMs);

/**
 * Para's signed word on a session: has Para issue a JWT for it (one call, which also proves Para holds
 * the session as authenticated: it answers 401/403 otherwise) and verifies the token against Para's
 * key set. A token that does not verify is Para's error, not the client's.
 */
export async function askParaWhoItIs(
  deps: ImportDeps,
  para: ParaSession,
  keyIndex = 0,
  call: "jwt" | "identify" = "identify",
) {
  const issued = await para.issueJwt(keyIndex, call);
  const verification = await deps.jwtVerifier.verify(issued.token);
  if (!verification.claims) throw upstreamError(`the JWT Para issued did not verify (${verification.reason})`);
  return { ...issued, claims: verification.claims };
}

/**
 * An imported session, checked against Para. The blob is only a claim: every identity field stored
 * comes from Para's signed answer, and a blob that claims anything else is refused. The stored blob is
 * built from Para's answer (storedBlob), with the cookie as Para last set it.
 */
export async function checkedImport(
  deps: ImportDeps,
  blob: string,
  keepAlive: boolean,
): Promise<{ stored: StoredSession; para: ParaSession }> {
  const claimed = parseSessionBlob(blob, {
    keepSigners: deps.config.storeSigners,
    maxBytes: deps.config.limits.maxSessionBytes,
  });
  const para = await ParaSession.open(deps.paraFactory, deps.upstream, claimed.blob);
  const { claims } = await askParaWhoItIs(deps, para);
  checkClaimAgainstPara(claimed, claims);
  const cookie = para.sessionCookie() ?? claimed.json.sessionCookie;
  return {
    para,
    stored: {
      ...identityOf(claims),
      blob: storedBlob(claimed, claims, cookie),
      signersPresent: claimed.signersPresent,
      importedAt: new Date().toISOString(),
      expiresAt: capExpiry(deps.config, claims.expiresAt.getTime()),
      sessionLengthMs: Math.max(0, claims.expiresAt.getTime() - claims.issuedAt.getTime()),
      ...keepAliveSetting(deps.config, keepAlive),
      lastExtendedAt: null,
    },
  };
}

/** Whether the keeper extends a session, and until when: KEEPALIVE_MAX_DAYS from now. */
export function keepAliveSetting(config: Pick<Config, "keeper">, enabled: boolean) {
  return { keepAlive: enabled, keepAliveUntil: enabled ? Date.now() + config.keeper.maxLifetimeMs : null };
}

/** The identity fields the gateway reports, all from Para's signed claims. */
export function identityOf(
  claims: ParaJwtClaims,
): Pick<StoredSession, "userId" | "authType" | "identifier" | "wallets"> {
  return {
    userId: claims.userId,
    authType: claims.authType,
    identifier: claims.identifier,
    wallets: claims.wallets,
  };
}
