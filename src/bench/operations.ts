import { print } from "graphql";
import {
  ImportSessionDocument,
  IssueJwtDocument,
  KeepSessionAliveDocument,
  VerifyWalletDocument,
  VerifyWalletsDocument,
} from "../client/index.js";

/** The operations the bench sends: the package's own typed documents, as text. */
export const IMPORT = print(ImportSessionDocument);
export const ISSUE_JWT = print(IssueJwtDocument);
export const KEEP_ALIVE = print(KeepSessionAliveDocument);
export const VERIFY_WALLET = print(VerifyWalletDocument);
export const VERIFY_WALLETS = print(VerifyWalletsDocument);

/** One GraphQL POST, for preparing fixtures and checks (the load itself goes through autocannon). */
export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: T | null; errors?: unknown[] }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T | null; errors?: unknown[] };
}
