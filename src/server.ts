import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import { createYoga, maskError } from "graphql-yoga";
import { hasGatewayKey } from "./auth/gateway-keys.js";
import manifest from "./client/generated/persisted-documents.json" with { type: "json" };
import { createContext, type Services } from "./context.js";
import { ApqStore } from "./documents/apq-store.js";
import { createDocumentStore } from "./documents/document-store.js";
import { readManifest } from "./documents/manifest.js";
import { TrustedDocuments } from "./documents/trusted-documents.js";
import { createSessionEvents } from "./events/create-session-events.js";
import { SessionKeeper } from "./keeper/session-keeper.js";
import { boundConnections, serverTimeouts } from "./limits/connection-budget.js";
import { createRateLimits } from "./limits/rate-limits.js";
import { StreamBudget } from "./limits/stream-budget.js";
import { ParaFactory } from "./para/para-factory.js";
import { Upstream } from "./para/upstream.js";
import { VerifyApi } from "./para/verify-api.js";
import { WalletVerifications } from "./para/wallet-verifications.js";
import { keepSdkInstancesYoung } from "./para/young-instances.js";
import { corsFor, useVaryOrigin } from "./plugins/cors.js";
import { graphiqlFor } from "./plugins/graphiql.js";
import { loopbackHostsOnly } from "./plugins/loopback-host.js";
import { useAnswerCache } from "./plugins/use-answer-cache.js";
import { useBodyLimit } from "./plugins/use-body-limit.js";
import { useErrorCodes } from "./plugins/use-error-codes.js";
import { useGraphiQLOffPage } from "./plugins/use-graphiql-off-page.js";
import { useInputLimits } from "./plugins/use-input-limits.js";
import { useQueryLimits } from "./plugins/use-query-limits.js";
import { useReadableStreamRefusals } from "./plugins/use-readable-stream-refusals.js";
import { useReadiness } from "./plugins/use-readiness.js";
import { logReusedAnswer, useRequestLog } from "./plugins/use-request-log.js";
import { useResponseCookies } from "./plugins/use-response-cookies.js";
import { useTracing } from "./plugins/use-tracing.js";
import { useTrustedDocuments } from "./plugins/use-trusted-documents.js";
import { type Config, isLoopback } from "./runtime/config.js";
import type { Logger } from "./runtime/logger.js";
import { Metrics } from "./runtime/metrics.js";
import { schema as standaloneSchema } from "./schema/index.js";
import { createSessionStore } from "./store/create-store.js";
import { markAnswerReused } from "./telemetry/spans.js";
import { JwtVerifier, jwksUrlFor } from "./verifier/jwt-verifier.js";

const SHUTDOWN_GRACE_MS = 10_000;

export interface GatewayOptions {
  /** Headers GraphiQL's first tab starts with, read when GraphiQL is served (dev mode's carry the demo token). */
  graphiqlHeaders?: () => Record<string, string>;
}

export interface RunningGateway {
  url: string;
  server: Server;
  services: Services;
  close: () => Promise<void>;
}

/** The composition root: services, the Yoga app with its plugins, and the HTTP server. */
export async function startGateway(
  config: Config,
  logger: Logger,
  options: GatewayOptions = {},
): Promise<RunningGateway> {
  keepSdkInstancesYoung();
  // One schema source, two ways to serve it: the subgraph's modules load only when asked for.
  const schema =
    config.schemaMode === "subgraph" ? (await import("./schema/federation/index.js")).subgraphSchema : standaloneSchema;
  const metrics = new Metrics();
  const store = createSessionStore(config, logger, metrics.storeOperation);
  metrics.countSessionsWith(() => store.count());
  metrics.watchKeeper(() => store.dueStats());
  const upstream = new Upstream(config, metrics.upstreamCall);
  const verifyApi = new VerifyApi(config, upstream);
  const jwtVerifier = new JwtVerifier({
    jwksUrl: jwksUrlFor(config.para.apiUrl),
    clockToleranceSeconds: config.jwt.clockToleranceSeconds,
    refreshIntervalMs: config.jwt.refreshMs,
    unknownKeyCooldownMs: config.jwt.cooldownMs,
    fetchTimeoutMs: config.para.timeoutMs,
    onFetch: (outcome, error) => {
      metrics.jwksFetch(outcome);
      if (error)
        logger.warn(
          { err: { message: String((error as Error).message) } },
          "Para's JWT key set could not be fetched; the last good set keeps serving",
        );
    },
  });
  const { events, close: closeEvents } = createSessionEvents(config, logger);
  // The gateway's own documents come with it; frontends bring theirs (folder or shared store).
  const trustedDocuments = new TrustedDocuments(
    readManifest(manifest, "the gateway's manifest"),
    createDocumentStore(config, (error) =>
      logger.warn({ err: { message: error.message } }, "trusted documents (redis) error"),
    ),
    logger.child({ source: "trusted-documents" }),
    config.trustedDocumentsDir,
  );
  const streams = new StreamBudget(config.streams);
  metrics.countStreamsWith(() => streams.openStreams);
  const services: Services = {
    config,
    logger,
    events,
    store,
    upstream,
    paraFactory: new ParaFactory(config, (reason) =>
      logger.warn(
        { reason },
        "an SDK instance fell back: a lean one to a full one, a lean one's direct calls to the SDK's methods, or a local start-up to the SDK's own (five calls to Para)",
      ),
    ),
    jwtVerifier,
    rateLimits: createRateLimits(config, logger),
    streams,
    verifyApi,
    wallets: new WalletVerifications(verifyApi, config.walletCache),
  };
  // A boolean, not the error: Yoga would send a thrown error's message to the caller.
  const storeReachable = () =>
    services.store
      .ping()
      .then(() => true)
      .catch(() => false);
  const yoga = createYoga({
    schema,
    context: createContext(services),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    logging: logger.child({ source: "yoga" }),
    ...(await graphiqlFor(config.introspection, options.graphiqlHeaders)),
    maskedErrors: {
      // Not even in development: original errors and stacks stay in the log (Yoga logs them).
      maskError: (error, message) => maskError(error, message, false),
    },
    cors: corsFor(config.corsOrigins, config.corsAllowHeaders, config.corsExposeHeaders, config.corsLoopback),
    // Enforced by useBodyLimit, from Content-Length, without piping every body through a stream.
    maxRequestBodySize: false,
    batching: { limit: config.limits.maxBatch },
    plugins: [
      // First, so that its request span holds everything after it.
      ...(config.tracing ? [useTracing()] : []),
      // /health (Yoga's own) says the process is alive; /ready that it can reach its session store.
      useReadiness("/ready", storeReachable),
      ...(config.introspection ? [] : [useGraphiQLOffPage("/graphql")]),
      useBodyLimit(config.limits.maxRequestBytes, metrics.errorSent),
      useInputLimits(config.limits),
      useRequestLog(logger),
      metrics.plugin({
        serveHere: config.metricsPort === "public",
        operationNames: config.persistedOperations === "only",
      }),
      // A cross-site form post or plain GET cannot carry a victim's cookie into an operation.
      useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf", "apollo-require-preflight"] }),
      // A subgraph also runs its router's query plans, which are no trusted documents: for gateway-key holders.
      useTrustedDocuments(config.persistedOperations, trustedDocuments, {
        apq: config.apq && new ApqStore(config.apq),
        mayRunAnything:
          config.schemaMode === "subgraph"
            ? (request) => hasGatewayKey(request.headers, config.gatewayKeyDigests)
            : undefined,
      }),
      // After the trusted-document check (a hit skips everything from parsing on), so only trusted answers are reused.
      ...(config.answerCacheSize > 0
        ? [
            useAnswerCache({
              schema,
              size: config.answerCacheSize,
              reusable: ["verifyWallet", "verifyWallets", "verifyJwt"],
              isBackend: (request) => hasGatewayKey(request.headers, config.gatewayKeyDigests),
              onHit: (request, params) => {
                metrics.answerCacheHit();
                markAnswerReused();
                logReusedAnswer(logger, request, params);
              },
            }),
          ]
        : []),
      useQueryLimits(config),
      ...(config.introspection ? [] : [useDisableIntrospection()]),
      useResponseCookies(),
      useVaryOrigin(),
      useErrorCodes(metrics.errorSent),
      useReadableStreamRefusals(),
    ],
  });

  // Serve once the store answers, or (so that an outage does not keep the gateway down) once it had its chance.
  await store.ping().catch(() => logger.warn("the session store is not reachable yet; /ready says so until it is"));
  const server = createServer(
    serverTimeouts(config.connections),
    config.devMode && isLoopback(config.host) ? loopbackHostsOnly(yoga) : yoga,
  );
  boundConnections(server, config.connections, () => metrics.errorSent("CONNECTION_REFUSED"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const keeper = new SessionKeeper({
    config,
    store,
    paraFactory: services.paraFactory,
    upstream,
    logger: logger.child({ source: "keeper" }),
    observer: {
      extension: (result, session, recordId) => {
        metrics.extension(result);
        if (result === "ok") events.publish(recordId, "EXTENDED", session.expiresAt);
        if (result === "expired") events.publish(recordId, "EXPIRED", null);
      },
    },
  });
  keeper.start();
  const metricsServer =
    config.metricsPort === "public" ? undefined : await metrics.serve(config.metricsPort, config.host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}/graphql`;
  const metricsPort = metricsServer && (metricsServer.address() as AddressInfo).port;
  logger.info(
    { port, url, metricsPort, paraEnv: config.para.env, store: config.sessionStore.split(":")[0] },
    "gateway listening",
  );
  return {
    url,
    server,
    services,
    // Graceful: stop accepting, let requests in flight finish, closing each connection as it goes
    // idle (keep-alive would hold it open), then close the store. Past the grace period, cut the rest.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearInterval(idle);
      clearTimeout(cut);
      metricsServer?.close();
      jwtVerifier.close();
      await keeper.stop();
      closeEvents();
      await trustedDocuments.close();
      await services.store.close();
    },
  };
}
