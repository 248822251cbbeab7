import type { MiddlewareHandler } from "hono";
import { type BearerOptions, createBearerCheck } from "./bearer.js";
import type { ParaJwtClaims } from "./jwt-verifier.js";

declare module "hono" {
  interface ContextVariableMap {
    /** The verified Para JWT's claims, set by `paraHono`: `c.get("paraClaims")`. */
    paraClaims: ParaJwtClaims;
  }
}

/**
 * Hono middleware: a valid Para JWT in `Authorization: Bearer …` sets `c.get("paraClaims")`; otherwise the
 * answer is 401 (or 403 for a requirement) and the handler never runs.
 */
export function paraHono(options: BearerOptions): MiddlewareHandler {
  const check = createBearerCheck(options);
  return async (c, next) => {
    const outcome = await check(c.req.header("authorization"));
    if (!outcome.ok) return c.json(outcome.body, outcome.status, { "www-authenticate": outcome.wwwAuthenticate });
    c.set("paraClaims", outcome.claims);
    await next();
  };
}

export type { BearerOptions, BearerOutcome, BearerRejection, BearerRequirements, KeySource } from "./bearer.js";
export type { ParaJwtClaims } from "./jwt-verifier.js";
