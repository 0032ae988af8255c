import type http from "node:http";
import { parseHeartbeat, recordHeartbeat } from "../lib/agents/heartbeat";
import { errorBody, isDatabaseDown } from "../lib/api/errors";
import { AppError } from "../lib/errors";
import { identifyToken, hashToken } from "../lib/auth/tokens";
import { hasRole } from "../lib/auth/roles";
import { log } from "../lib/log";

/**
 * `/api/agent/*` answered by plain node:http, before Next.js (SPEC: a route
 * handler tops out near 1,100 req/s here). Same error shapes as the API.
 */
const MAX_HEARTBEAT_BYTES = 16 * 1024;
// A revoked or expired token (or one whose creator was demoted or disabled) stops within this on every
// node (SPEC: 1 s): one token lookup per token per half second is nothing next to the heartbeats it serves.
const TOKEN_CACHE_MS = 500;

const tokenCache = new Map<string, { allowed: boolean; until: number }>();

async function agentAllowed(header: string | undefined): Promise<boolean> {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return false;
  const key = hashToken(token);
  const cached = tokenCache.get(key);
  if (cached && cached.until > Date.now()) return cached.allowed;
  const identity = await identifyToken(token);
  const allowed = identity !== null && hasRole(identity, "agent");
  if (tokenCache.size > 10_000) tokenCache.clear();
  tokenCache.set(key, { allowed, until: Date.now() + TOKEN_CACHE_MS });
  return allowed;
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json), "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  res.end(json);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_HEARTBEAT_BYTES) {
        reject(new AppError("payload_too_large", "a heartbeat body is at most 16 KB"));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function heartbeat(req: http.IncomingMessage, res: http.ServerResponse) {
  try {
    if (req.method !== "POST") return send(res, 405, errorBody("method_not_allowed", "use POST"));
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      throw new AppError("unsupported_media_type", "send the body as JSON with Content-Type: application/json");
    }
    if (!(await agentAllowed(req.headers.authorization))) throw new AppError("unauthorized", "send Authorization: Bearer <agent token>");
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("bad_request", "the body is not valid JSON");
    }
    send(res, 200, await recordHeartbeat(parseHeartbeat(body)));
  } catch (error) {
    if (error instanceof AppError) return send(res, error.status, errorBody(error.code, error.message, error.field));
    if (isDatabaseDown(error)) return send(res, 503, errorBody("database_down", "the database is unreachable; retry shortly"));
    log.error({ err: error }, "heartbeat failed");
    send(res, 500, errorBody("internal", "internal error; see the server log"));
  }
}

export function agentRoute(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = req.url?.split("?")[0];
  if (path === "/api/agent/heartbeat") {
    void heartbeat(req, res);
    return true;
  }
  if (path?.startsWith("/api/agent/")) {
    send(res, 404, errorBody("not_found", `no agent endpoint ${path}`));
    return true;
  }
  return false;
}
