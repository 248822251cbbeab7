import {
  createContext,
  createElement,
  type ReactNode,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from "react";
import type { ParaGatewayError } from "./gateway-error.js";
import type { SessionClient, SessionState } from "./session/session-client.js";

/** React bindings (`para-graphql-gateway-client/react`): a provider and hooks over a SessionClient. */

const SessionClientContext = createContext<SessionClient | null>(null);

/** Makes `client` available to the hooks below, and reads the session it already carries (a page load). */
export function ParaSessionProvider(props: { client: SessionClient; children?: ReactNode }) {
  useEffect(() => {
    void props.client.restore();
  }, [props.client]);
  return createElement(SessionClientContext.Provider, { value: props.client }, props.children);
}

export function useSessionClient(): SessionClient {
  const client = useContext(SessionClientContext);
  if (!client) throw new Error("useParaSession and useParaJwt need a <ParaSessionProvider client={…}> above them.");
  return client;
}

/** The session's state, re-rendering on every change, and the client for signIn, signOut, keepAlive… */
export function useParaSession(): SessionState & { client: SessionClient } {
  const client = useSessionClient();
  const state = useSyncExternalStore(client.subscribe, client.getState, client.getState);
  return { ...state, client };
}

/** A Para JWT for the app's backend calls while the session is live: issued once, again only near its expiry. */
export function useParaJwt(): { token: string | null; error: ParaGatewayError | null } {
  const { status, session, client } = useParaSession();
  const [jwt, setJwt] = useState<{ token: string | null; error: ParaGatewayError | null }>({
    token: null,
    error: null,
  });
  const live = status === "active" || status === "expiring";
  // Per session: a user switch must never leave the previous user's token in place.
  const sessionId = live ? (session?.id ?? null) : null;
  useEffect(() => {
    setJwt({ token: null, error: null });
    if (!sessionId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const fetchJwt = () =>
      client.getJwt().then(
        (token) => {
          if (stopped) return;
          setJwt({ token, error: null });
          timer = setTimeout(fetchJwt, client.jwtRenewalDueInMs());
        },
        (error: ParaGatewayError) => !stopped && setJwt({ token: null, error }),
      );
    void fetchJwt();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, sessionId]);
  return jwt;
}
