import type http from "node:http";
import { heartbeatDb, parseHeartbeat, recordHeartbeat } from "../lib/agents/heartbeat";
import { agentCredential } from "../lib/agents/token";
import { errorBody, isDatabaseDown } from "../lib/api/errors";
import { AppError, forbidden, unauthorized } from "../lib/errors";
import { log } from "../lib/log";
import { sendJson } from "./http";

/**
 * `/api/agent/*` answered by plain node:http, before Next.js (SPEC: a route
 * handler tops out near 1,100 req/s here). Same error shapes as the API.
 * Nothing is written before the caller, the body and the pipeline all pass.
 */
const MAX_HEARTBEAT_BYTES = 16 * 1024;

/** Only an agent token of the pipeline it names may heartbeat for it. */
async function checkAgent(header: string | undefined, pipeline: string): Promise<void> {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw unauthorized("send Authorization: Bearer <agent token>");
  const credential = await agentCredential(heartbeatDb(), token);
  if (!credential) throw unauthorized("this token does not exist or was revoked");
  if (credential.pipeline !== pipeline) {
    throw forbidden(
      credential.pipeline === null
        ? `only an agent token of pipeline "${pipeline}" heartbeats for it; this is a ${credential.role} token`
        : `this agent token belongs to pipeline "${credential.pipeline}", not "${pipeline}"`,
    );
  }
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
    if (req.method !== "POST") return sendJson(res, 405, errorBody("method_not_allowed", "use POST"));
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      throw new AppError("unsupported_media_type", "send the body as JSON with Content-Type: application/json");
    }
    if (!req.headers.authorization) throw unauthorized("send Authorization: Bearer <agent token>");
    if (Number(req.headers["content-length"] ?? 0) > MAX_HEARTBEAT_BYTES) throw new AppError("payload_too_large", "a heartbeat body is at most 16 KB");
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("bad_request", "the body is not valid JSON");
    }
    const input = parseHeartbeat(body);
    await checkAgent(req.headers.authorization, input.pipeline);
    // A long poll ends when its agent goes away: nothing is held for a closed connection.
    const answer = await recordHeartbeat(input, res);
    if (!res.destroyed) sendJson(res, 200, answer);
  } catch (error) {
    if (error instanceof AppError) return sendJson(res, error.status, errorBody(error.code, error.message, error.field));
    if (isDatabaseDown(error)) return sendJson(res, 503, errorBody("database_down", "the database is unreachable; retry shortly"));
    log.error({ err: error }, "heartbeat failed");
    sendJson(res, 500, errorBody("internal", "internal error; see the server log"));
  }
}

export function agentRoute(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = req.url?.split("?")[0];
  if (path === "/api/agent/heartbeat") {
    void heartbeat(req, res);
    return true;
  }
  if (path?.startsWith("/api/agent/")) {
    sendJson(res, 404, errorBody("not_found", `no agent endpoint ${path}`));
    return true;
  }
  return false;
}
