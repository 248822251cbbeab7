import type { IncomingMessage, ServerResponse } from "node:http";
import { type BearerOptions, createBearerCheck } from "./bearer.js";
import type { ParaJwtClaims } from "./jwt-verifier.js";

declare global {
  // Express's own way to type what middleware adds to its requests (no import of Express's types needed).
  namespace Express {
    interface Request {
      /** The verified Para JWT's claims, set by `paraExpress`. */
      paraClaims?: ParaJwtClaims;
    }
  }
}

type Next = (error?: unknown) => void;

/**
 * Express (4 or 5) or Connect middleware: a valid Para JWT in `Authorization: Bearer …` puts its claims on
 * `req.paraClaims`; otherwise the request is answered 401 (or 403 for a requirement) and goes no further.
 */
export function paraExpress(options: BearerOptions) {
  const check = createBearerCheck(options);
  return (req: IncomingMessage & { paraClaims?: ParaJwtClaims }, res: ServerResponse, next: Next): void => {
    check(req.headers.authorization).then((outcome) => {
      if (outcome.ok) {
        req.paraClaims = outcome.claims;
        next();
        return;
      }
      res
        .writeHead(outcome.status, { "content-type": "application/json", "www-authenticate": outcome.wwwAuthenticate })
        .end(JSON.stringify(outcome.body));
    }, next);
  };
}

export type { BearerOptions, BearerOutcome, BearerRejection, BearerRequirements, KeySource } from "./bearer.js";
export type { ParaJwtClaims } from "./jwt-verifier.js";
