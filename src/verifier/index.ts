// The package's entry: the verifier and the one bearer check behind its middleware. Each framework's
// middleware is a subpath of its own (`/express`, `/fastify`, `/hono`, `/fetch`), so no entry loads another
// framework's types.
export { jwksUrlFor, PARA_API_URLS } from "./api-urls.js";
export {
  type BearerErrorBody,
  type BearerOptions,
  type BearerOutcome,
  type BearerRejection,
  type BearerRequirements,
  createBearerCheck,
  type KeySource,
} from "./bearer.js";
export {
  forAudience,
  JWT_REJECTIONS,
  type JwtRejection,
  type JwtVerification,
  JwtVerifier,
  type JwtVerifierOptions,
  type ParaJwtClaims,
} from "./jwt-verifier.js";
export { isWalletType, WALLET_TYPES, type WalletType } from "./wallet-types.js";
