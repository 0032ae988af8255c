import http from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER } from "../lib/api/rate-limit";
import { root } from "./build";

/** Paths answered by plain node:http before Next.js: the agents' hot path (SPEC "Performance targets"). */
export type FastRoute = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export async function startHttpServer(port: number, fastRoutes: FastRoute[] = []): Promise<http.Server> {
  const app = next({ dev: false, dir: root, port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    // Rate limits key on the peer address; never trust a client-sent copy of the header.
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
    if (fastRoutes.some((route) => route(req, res))) return;
    void handle(req, res);
  });
  // Agents poll every ~5 s: keep their connections open across polls.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
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
