import http from "node:http";
import { CLIENT_ADDRESS_HEADER } from "../lib/api/rate-limit";

/** Paths answered by plain node:http in the front process: the agents' hot path (SPEC "Performance targets"). */
export type FastRoute = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * A JSON answer from the front (fast routes, guard, proxy). `close`: the
 * request body may be unread, so the connection is not reused.
 */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, options: { close?: boolean } = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json), "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
    ...(options.close ? { Connection: "close" } : {}),
  });
  res.end(json);
}

/**
 * The front process's server on PORT: the fast routes answer what they take,
 * everything else goes to `fallback` (the Next.js child, server/proxy.ts).
 */
export async function startHttpServer(port: number, fastRoutes: FastRoute[], fallback: Handler): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    // Rate limits key on the peer address; never trust a client-sent copy of the header.
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
    if (fastRoutes.some((route) => route(req, res))) return;
    fallback(req, res);
  });
  // Agents poll every ~5 s, or hold a long poll of up to 30 s and poll again at once:
  // their connections stay open between polls. A request must arrive whole
  // quickly (a held connection costs memory), but its answer may take the
  // long poll's 30 s (requestTimeout covers receiving only).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  server.timeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // 10,000 agents reconnecting at once (after a restart) need a deep accept queue.
    server.listen(port, undefined, 4096, () => resolve());
  });
  return server;
}

/** Fails fast, before the database starts, when PORT is taken. */
export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = http.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}
