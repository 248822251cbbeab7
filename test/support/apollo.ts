import { type ApolloClient, ApolloLink, HttpLink } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { documentIdFor, ImportSessionDocument } from "para-graphql-gateway/client";

/** The headers of a session token at hand: a bearer token, or none before the import. */
export const bearerHeaders = (getToken: () => string | undefined) => (): Record<string, string> => {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** Apollo's HTTP chain as a frontend sets it up: the session as a bearer token, trusted documents by hash. */
export function gatewayHttpLink(url: string, headers: () => Record<string, string>): ApolloLink {
  return ApolloLink.from([
    new SetContextLink((prev) => ({ headers: { ...prev.headers, ...headers() } })),
    new PersistedQueryLink({ generateHash: documentIdFor }),
    new HttpLink({ uri: url }),
  ]);
}

/** A client made by `makeClient` that imports `session` and from then on sends the token it got. */
export async function signedIn<C extends ApolloClient>(
  makeClient: (getToken: () => string | undefined) => C,
  session: string,
) {
  let token: string | undefined;
  const getToken = () => token;
  const client = makeClient(getToken);
  const imported = await client.mutate({ mutation: ImportSessionDocument, variables: { session } });
  token = imported.data?.importSession.sessionToken;
  return { client, imported, getToken };
}
