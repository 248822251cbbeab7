import { type BearerErrorBody, type BearerOptions, type BearerRejection, createBearerCheck } from "./bearer.js";
import type { ParaJwtClaims } from "./jwt-verifier.js";

/** A refused request; `response` is the answer to send (401, or 403 for a requirement, with `WWW-Authenticate`). */
export class ParaAuthError extends Error {
  readonly response: Response;

  constructor(
    readonly status: 401 | 403,
    readonly reason: BearerRejection,
    readonly wwwAuthenticate: string,
    body: BearerErrorBody,
  ) {
    super(`Para JWT refused: ${reason}`);
    this.name = "ParaAuthError";
    this.response = Response.json(body, { status, headers: { "www-authenticate": wwwAuthenticate } });
  }
}

/**
 * For fetch-style handlers (`(request: Request) => Response`: Next.js route handlers, Bun, Deno, workers):
 * `const claims = await authenticate(request)`, which throws a `ParaAuthError` carrying the answer to send.
 */
export function paraFetch(options: BearerOptions): (request: Request) => Promise<ParaJwtClaims> {
  const check = createBearerCheck(options);
  return async (request) => {
    const outcome = await check(request.headers.get("authorization"));
    if (outcome.ok) return outcome.claims;
    throw new ParaAuthError(outcome.status, outcome.reason, outcome.wwwAuthenticate, outcome.body);
  };
}

export type { BearerOptions, BearerOutcome, BearerRejection, BearerRequirements, KeySource } from "./bearer.js";
export type { ParaJwtClaims } from "./jwt-verifier.js";
