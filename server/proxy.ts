import http from "node:http";
import { MAX_BODY_BYTES } from "../lib/api/body";
import { errorBody } from "../lib/api/errors";
import { CLIENT_ADDRESS_HEADER } from "../lib/api/rate-limit";
import { sendJson } from "./http";

/**
 * Passes a request the front's fast routes did not take to the Next.js child
 * (server/web.ts) over its Unix socket. The front reads the request whole
 * first (no route takes more than 1 MB): a request then counts as received
 * as soon as its client sent it, however long the child takes to get to it,
 * and an oversized one is refused here. The answer is streamed back.
 */
// Hop-by-hop headers belong to one connection, never forwarded (RFC 9110 §7.6.1); the length is set anew.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);
// The client's address as the front saw it (server/http.ts), never a copy the client sent.
const NOT_FORWARDED = new Set([...HOP_BY_HOP, "content-length", CLIENT_ADDRESS_HEADER]);

function endToEnd(raw: string[], drop: ReadonlySet<string>): string[] {
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!drop.has(raw[i]!.toLowerCase())) kept.push(raw[i]!, raw[i + 1]!);
  return kept;
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string, close = false) {
  // Mid-answer there is no status left to send: the client sees the connection end.
  if (res.headersSent) return void res.destroy();
  sendJson(res, status, errorBody(code, message), { close });
}

/** The request's body, or null (and a 413 sent) when it is over MAX_BODY_BYTES. */
function readWhole(req: http.IncomingMessage, res: http.ServerResponse): Promise<Buffer | null> {
  const tooLarge = () => {
    // The rest is left unread: the connection closes after the answer.
    sendError(res, 413, "payload_too_large", "the body is over 1 MB", true);
    return null;
  };
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(tooLarge());
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off("data", onData);
      resolve(tooLarge());
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(null));
  });
}

export function proxyTo(socketPath: string): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 64 });
  return (req, res) =>
    void readWhole(req, res).then((body) => {
      if (body === null || res.writableEnded) return;
      const headers = [...endToEnd(req.rawHeaders, NOT_FORWARDED), CLIENT_ADDRESS_HEADER, String(req.headers[CLIENT_ADDRESS_HEADER])];
      if (body.length > 0 || req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined) {
        headers.push("Content-Length", String(body.length));
      }
      let upstream: http.ClientRequest;
      try {
        upstream = http.request({ socketPath, agent, method: req.method, path: req.url, headers });
      } catch {
        // Node's client refuses some request targets its server accepts (e.g. unescaped characters).
        return sendError(res, 400, "bad_request", "the request target is malformed", true);
      }
      upstream.on("response", (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders, HOP_BY_HOP));
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      });
      upstream.on("error", () => sendError(res, 502, "web_unavailable", "the dashboard process is restarting; retry shortly"));
      // A client that goes away mid-answer ends the upstream request too.
      res.on("close", () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.end(body);
    });
}
