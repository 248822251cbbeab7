import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { isLoopback, namesLoopback } from "../runtime/config.js";
import { adminRoutes } from "./admin-routes.js";
import { Faults } from "./faults.js";
import { HttpError, matchRoute, Reply, readJsonBody, sendJson } from "./http.js";
import {
  DEFAULT_API_KEY_ID,
  DEFAULT_PUBLIC_KEY,
  DEFAULT_SECRET_KEY,
  DEFAULT_SESSION_LENGTH_SECONDS,
  Model,
} from "./model.js";
import { paraRoutes } from "./para-routes.js";
import { SessionCookies } from "./session-cookie.js";
import { SigningKeys } from "./signing-keys.js";
import { Stats } from "./stats.js";

export interface EmulatorOptions {
  /** 8080 by default, where the SDK's `Environment.DEV` looks; 0 picks a free port. */
  port?: number;
  /** EMULATOR_HOST, else 127.0.0.1. */
  host?: string;
  sessionLengthSeconds?: number;
  latencyMs?: number;
  publicKey?: string;
  secretKey?: string;
}

export interface Emulator {
  url: string;
  port: number;
  /** The default partner's keys. */
  publicKey: string;
  secretKey: string;
  /** The default partner's API key id: the `aud` of its JWTs. */
  apiKeyId: string;
  close: () => Promise<void>;
}

/** Starts a local emulator of Para's HTTP API (the routes the server SDK's session flows use, and the verify routes). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const model = new Model();
  model.sessionLengthSeconds = options.sessionLengthSeconds ?? DEFAULT_SESSION_LENGTH_SECONDS;
  const defaultPartner = model.addPartner({
    name: "Demo app",
    apiKeyId: DEFAULT_API_KEY_ID,
    publicKey: options.publicKey ?? DEFAULT_PUBLIC_KEY,
    secretKey: options.secretKey ?? DEFAULT_SECRET_KEY,
  });
  const cookies = new SessionCookies(randomBytes(32).toString("hex"));
  const keys = await SigningKeys.generate();
  const faults = new Faults();
  faults.latencyMs = options.latencyMs ?? 0;
  const stats = new Stats();
  const para = paraRoutes({ model, cookies, keys });
  const admin = adminRoutes({ model, cookies, faults, stats, keys, defaultPartner });

  const host = options.host ?? process.env.EMULATOR_HOST ?? "127.0.0.1";
  // Bound to this machine, it answers only requests naming it: a page rebinding its DNS name to 127.0.0.1
  // cannot drive the admin API (or Para's routes) from a developer's browser.
  const loopbackOnly = isLoopback(host);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (loopbackOnly && !namesLoopback(req.headers.host ?? "")) {
      return sendJson(res, 403, { message: "The emulator answers only localhost, 127.0.0.1 or [::1] as Host" });
    }
    const url = new URL(req.url ?? "/", "http://emulator");
    const isAdmin = url.pathname.startsWith("/_emulator/");
    const match = matchRoute(isAdmin ? admin : para, req.method ?? "GET", url.pathname);
    if (match === undefined) return sendJson(res, 404, { message: `No route ${req.method} ${url.pathname}` });
    if (match === "method-not-allowed") return sendJson(res, 405, { message: `Method ${req.method} not allowed here` });
    const { route: r, params } = match;
    if (!isAdmin) {
      stats.count(r.key);
      await faults.delay();
      const key = req.headers["x-external-api-key"];
      const caller =
        typeof key === "string" ? (model.partnerByPublicKey(key) ?? model.partnerBySecretKey(key)) : undefined;
      const fault = faults.pick(r.key, r.pattern, caller?.id);
      if (fault) return faults.inject(fault, res);
    }
    let body: Promise<Record<string, unknown>> | undefined;
    const result = await r.handler({ req, url, params, body: () => (body ??= readJsonBody(req)) });
    if (result instanceof Reply) return sendJson(res, result.status, result.body, result.headers);
    return sendJson(res, 200, result);
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A client that hung up mid-request (timeouts, resets) is no error of the emulator's.
      if (res.headersSent || !res.socket || res.socket.destroyed) return res.destroy();
      if (error instanceof HttpError) return sendJson(res, error.status, { message: error.message });
      console.error("[emulator] unexpected error", error);
      sendJson(res, 500, { message: "Internal Server Error" });
    });
  });
  // Idle sockets are the clients' to close (fetch after 4 s, the gateway's agents after 5 s), as in front
  // of an API whose load balancer keeps them for a minute. With Node's default (5 s) the emulator closed
  // some just as a client reused them: a request's ECONNRESET, seen on a slow machine between two tests.
  server.keepAliveTimeout = 30_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    publicKey: defaultPartner.publicKey,
    secretKey: defaultPartner.secretKey,
    apiKeyId: defaultPartner.apiKeyId,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
