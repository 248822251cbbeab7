import type { IncomingMessage, ServerResponse } from "node:http";
import { Environment, Para } from "@getpara/server-sdk";
import { listen } from "./listen.js";
import { silenceSdkConsole } from "./silence-sdk.js";

/**
 * The seed's way, as the comparison point: REST over node:http, one route per operation, and for every
 * request a fresh SDK instance that imports the session the client sends. No caching, no pooling, no
 * validity check on import.
 */
const PUBLIC_KEY = process.env.PARA_API_KEY ?? "dev_public_demo";
const SECRET_KEY = process.env.PARA_SECRET_API_KEY ?? "dev_secret_demo";
const PARA_URL = "http://localhost:8080";

async function imported(session: string): Promise<Para> {
  const para = new Para(Environment.DEV, PUBLIC_KEY);
  await para.importSession(session);
  return para;
}

type Body = { session: string; address: string };

const routes: Record<string, (body: Body) => Promise<unknown>> = {
  "/import": async ({ session }) => {
    await imported(session);
    return { imported: true };
  },
  "/session": async ({ session }) => ({ active: await (await imported(session)).isSessionActive() }),
  "/jwt": async ({ session }) => {
    const { token, keyId } = await (await imported(session)).issueJwt({ keyIndex: 0 });
    return { token, keyId };
  },
  "/verify-wallet": async ({ address }) => {
    const res = await fetch(`${PARA_URL}/wallets/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-external-api-key": SECRET_KEY },
      body: JSON.stringify({ address }),
    });
    if (res.status === 404) return { address, verified: false, walletId: null };
    if (!res.ok) throw new Error(`Para answered ${res.status}`);
    const { walletId } = (await res.json()) as { walletId: string };
    return { address, verified: true, walletId };
  },
};

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const route = req.method === "POST" ? routes[req.url ?? ""] : undefined;
  if (!route) return send(res, 404, { message: "not found" });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  send(res, 200, await route(JSON.parse(Buffer.concat(chunks).toString()) as Body));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

silenceSdkConsole();
await listen((req, res) => {
  handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
});
