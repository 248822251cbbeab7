/**
 * Para's base URL for each environment, and where each publishes its JWT key set. A module of its own so
 * that the configuration (and the small supervisor process that reads it) does not load the verifier.
 */
export const PARA_API_URLS = {
  DEV: "http://localhost:8080",
  SANDBOX: "https://api.sandbox.getpara.com",
  BETA: "https://api.beta.getpara.com",
  PROD: "https://api.getpara.com",
} as const;

export const jwksUrlFor = (apiUrl: string) => `${apiUrl.replace(/\/+$/, "")}/.well-known/jwks.json`;
