import { type Agent, request } from "node:http";
import { recordResponse, registerLogSecret } from "./leak-watch.js";

/**
 * Requests sent from a chosen loopback address (127.0.0.2, 127.0.0.3 …): to the gateway, each is another
 * client, as it would be on a network, with no proxy header to trust.
 */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** What a caller may add to a POST: an abort, and a look at the status as soon as the answer starts. */
interface PostOptions {
  signal?: AbortSignal;
  onResponse?: (status: number) => void;
}

/** A GraphQL POST (or any body) from `localAddress`; rejects on a network error (the connection refused or reset). */
export function postFrom(
  localAddress: string,
  url: string,
  body: string | Record<string, unknown>,
  headers: Record<string, string> = {},
  options: PostOptions = {},
): Promise<Answer> {
  return post(url, body, headers, { ...options, localAddress, agent: false });
}

/** The same POST over `agent`'s connections: a keep-alive agent of one socket keeps every request on one connection. */
export function postOver(
  agent: Agent,
  url: string,
  body: string | Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return post(url, body, headers, { agent });
}

function post(
  url: string,
  body: string | Record<string, unknown>,
  headers: Record<string, string>,
  { onResponse, ...options }: PostOptions & { localAddress?: string; agent: Agent | false },
): Promise<Answer> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        ...options,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers },
      },
      (res) => {
        onResponse?.(res.statusCode ?? 0);
        let received = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          received += chunk;
        });
        res.on("end", () => {
          recordResponse(received);
          for (const [, token] of received.matchAll(/"sessionToken":"([^"]+)"/g)) registerLogSecret(token as string);
          let json: Answer["json"] = {};
          try {
            json = JSON.parse(received) as Answer["json"];
          } catch {
            // an event stream, or no JSON at all
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: received, json });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** The codes of an answer's errors: from its JSON, or from the events of an event stream. */
export function codesOf(answer: Answer): (string | undefined)[] {
  if (answer.json.errors) return answer.json.errors.map((e) => e.extensions?.code);
  return [...answer.text.matchAll(/"code":"([A-Z_]+)"/g)].map((m) => m[1]);
}
