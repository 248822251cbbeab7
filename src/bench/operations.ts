import { print } from "graphql";
import {
  ImportSessionDocument,
  IssueJwtDocument,
  KeepSessionAliveDocument,
  VerifyJwtDocument,
  VerifyWalletDocument,
  VerifyWalletsDocument,
} from "../client/index.js";

/** The backend key the benchmark's gateway accepts: verify operations run behind it, as in production. */
export const BENCH_GATEWAY_KEY = "bench-backend-key-0123456789abcdef";

/** The operations the bench sends: the package's own typed documents, as text. */
export const IMPORT = print(ImportSessionDocument);
export const ISSUE_JWT = print(IssueJwtDocument);
export const KEEP_ALIVE = print(KeepSessionAliveDocument);
export const VERIFY_WALLET = print(VerifyWalletDocument);
export const VERIFY_WALLETS = print(VerifyWalletsDocument);
export const VERIFY_JWT = print(VerifyJwtDocument);

/** One GraphQL POST, for preparing fixtures and checks (the load itself goes through autocannon). */
export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: T | null; errors?: unknown[] }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-gateway-key": BENCH_GATEWAY_KEY },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T | null; errors?: unknown[] };
}
