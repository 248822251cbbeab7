// A small TypeScript frontend using the package's typed documents; type-checked by typed-client.test.ts.
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import {
  CurrentSessionDocument,
  ImportSessionDocument,
  VerifyWalletsDocument,
  type WalletType,
} from "para-graphql-gateway/client";

const client = new ApolloClient({
  link: new HttpLink({ uri: "http://localhost:4000/graphql" }),
  cache: new InMemoryCache(),
});

export async function signIn(exported: string): Promise<string | undefined> {
  const { data } = await client.mutate({ mutation: ImportSessionDocument, variables: { session: exported } });
  const token: string | undefined = data?.importSession.sessionToken;
  // @ts-expect-error: the variables are typed, so a wrong one does not compile
  await client.mutate({ mutation: ImportSessionDocument, variables: { blob: exported } });
  return token;
}

export async function walletTypes(): Promise<WalletType[]> {
  const { data } = await client.query({ query: CurrentSessionDocument });
  // @ts-expect-error: results are typed, so a field the operation does not select does not compile
  data?.session?.wallets[0]?.balance;
  return data?.session?.wallets.map((w) => w.type) ?? [];
}

export async function owned(addresses: string[]): Promise<boolean[]> {
  const { data } = await client.query({ query: VerifyWalletsDocument, variables: { addresses } });
  return data?.verifyWallets.map((v) => v.verified) ?? [];
}
