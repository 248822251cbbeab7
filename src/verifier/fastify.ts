import type { FastifyReply, FastifyRequest } from "fastify";
import { type BearerOptions, createBearerCheck } from "./bearer.js";
import type { ParaJwtClaims } from "./jwt-verifier.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The verified Para JWT's claims, set by `paraFastify`'s hook. */
    paraClaims?: ParaJwtClaims;
  }
}

/**
 * A Fastify `onRequest` (or `preHandler`) hook: a valid Para JWT in `Authorization: Bearer …` puts its claims
 * on `request.paraClaims`; otherwise the reply is 401 (or 403 for a requirement) and the route never runs.
 * `app.addHook("onRequest", paraFastify(options))`, or per route in its `onRequest` option.
 */
export function paraFastify(options: BearerOptions) {
  const check = createBearerCheck(options);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const outcome = await check(request.headers.authorization);
    if (outcome.ok) {
      request.paraClaims = outcome.claims;
      return;
    }
    await reply.code(outcome.status).header("www-authenticate", outcome.wwwAuthenticate).send(outcome.body);
  };
}

export type { BearerOptions, BearerOutcome, BearerRejection, BearerRequirements, KeySource } from "./bearer.js";
export type { ParaJwtClaims } from "./jwt-verifier.js";
