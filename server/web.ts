// The dashboard and its API (Next.js) as a child process of `npm start`. It
// listens on a Unix socket only the front process (server/http.ts) reaches, so
// the agents' long polls and Next.js never share an event loop or a heap.
import fs from "node:fs";
import http from "node:http";
import next from "next";
import { root } from "./build";

const socketPath = process.env.SHIPBOARD_WEB_SOCKET;
if (!socketPath) throw new Error("SHIPBOARD_WEB_SOCKET is not set: server/web.ts is started by server/start.ts");

const app = next({ dev: false, dir: root });
const handle = app.getRequestHandler();
await app.prepare();
fs.rmSync(socketPath, { force: true });
const server = http.createServer((req, res) => void handle(req, res));
// The front holds connections to this socket open between requests.
server.keepAliveTimeout = 65_000;
// The front opens a connection per request in flight: a burst of them must queue, not be refused.
// The socket lives in the front's private directory (server/start.ts): only this user reaches it.
server.listen({ path: socketPath, backlog: 4096 }, () => process.send?.("ready"));

const exit = () => {
  fs.rmSync(socketPath, { force: true });
  process.exit(0);
};
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => server.close(exit));
// Started with an IPC channel: when the front dies (even by SIGKILL), stop too, leaving no socket file behind.
process.once("disconnect", exit);
