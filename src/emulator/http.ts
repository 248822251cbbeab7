import type { IncomingMessage, ServerResponse } from "node:http";

/** An answer with a status other than 200, or with extra headers. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** Thrown by handlers for a 4xx/5xx answer; becomes `{ message }`, as Para's API answers errors. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  /** The parsed JSON body; `{}` for an empty body. */
  body: () => Promise<Record<string, unknown>>;
}

export type Handler = (ctx: RequestContext) => unknown | Promise<unknown>;

export interface Route {
  method: string;
  pattern: string;
  /** `"<METHOD> <pattern>"`, the key under which stats count the route. */
  key: string;
  handler: Handler;
  regex: RegExp;
  paramNames: string[];
}

export function route(method: string, pattern: string, handler: Handler): Route {
  const paramNames: string[] = [];
  const source = pattern.replace(/[.]/g, "\\.").replace(/:(\w+)/g, (_, name: string) => {
    paramNames.push(name);
    return "([^/]+)";
  });
  return { method, pattern, key: `${method} ${pattern}`, handler, regex: new RegExp(`^${source}$`), paramNames };
}

export function matchRoute(routes: Route[], method: string, pathname: string) {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.regex.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params = Object.fromEntries(r.paramNames.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? "")]));
    return { route: r, params };
  }
  return pathMatched ? "method-not-allowed" : undefined;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, "Request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, "Request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Field readers for request bodies: each names the field it rejects. */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new HttpError(400, `${field} must be a string`);
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === "") throw new HttpError(400, `${field} is required`);
  return value;
}
