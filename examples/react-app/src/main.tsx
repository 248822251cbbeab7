import { ApolloClient, InMemoryCache } from "@apollo/client";
import { ApolloProvider, useQuery } from "@apollo/client/react";
import { SessionClient } from "para-graphql-gateway-client";
import { connectApolloCache, createGatewayLink, typePolicies } from "para-graphql-gateway-client/apollo";
import { ParaSessionProvider, useParaSession } from "para-graphql-gateway-client/react";
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { ProfileDocument } from "../gql/graphql";

// The session lives in the SessionClient; Apollo's cache follows it (an extension, an end, a user switch).
const session = new SessionClient({ url: import.meta.env.VITE_GATEWAY_URL });
const apollo = new ApolloClient({ link: createGatewayLink(session), cache: new InMemoryCache({ typePolicies }) });
connectApolloCache(session, apollo);

function Profile() {
  const { data } = useQuery(ProfileDocument);
  return data?.session && <p id="user">{`${data.session.identifier}, until ${data.session.expiresAt}`}</p>;
}

function App() {
  const { status, session, client } = useParaSession();
  const [exported, setExported] = useState("");
  return (
    <main>
      <p id="status">{status}</p>
      {session && <Profile key={session.id} />}
      <input aria-label="Exported session" value={exported} onChange={(e) => setExported(e.target.value)} />
      <button type="button" onClick={() => client.signIn(exported)}>
        Sign in
      </button>
      <button type="button" onClick={() => client.keepAlive()}>
        Keep alive
      </button>
      <button type="button" onClick={() => client.signOut()}>
        Sign out
      </button>
    </main>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <ApolloProvider client={apollo}>
    <ParaSessionProvider client={session}>
      <App />
    </ParaSessionProvider>
  </ApolloProvider>,
);
