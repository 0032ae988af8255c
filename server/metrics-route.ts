import { createHash, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { errorBody } from "../lib/api/errors";
import { hasRole } from "../lib/auth/roles";
import { identifyToken } from "../lib/auth/tokens";
import { loadConfig } from "../lib/config";
import { log } from "../lib/log";
import { scrapeMetrics } from "../lib/metrics/prometheus";

const digest = (text: string) => createHash("sha256").update(text).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** Who may scrape: `Bearer $SHIPBOARD_METRICS_TOKEN`, or any API token of a viewer or more. */
async function mayScrape(authorization: string | undefined): Promise<"ok" | "unauthorized" | "forbidden"> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return "unauthorized";
  const metricsToken = loadConfig().metricsToken;
  if (metricsToken && sameSecret(token, metricsToken)) return "ok";
  const identity = await identifyToken(token);
  if (!identity) return "unauthorized";
  return hasRole(identity, "viewer") ? "ok" : "forbidden";
}

function send(res: http.ServerResponse, status: number, body: string, contentType: string) {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(body);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  try {
    const allowed = await mayScrape(req.headers.authorization);
    if (allowed !== "ok") {
      const message = allowed === "forbidden" ? "this token may not read metrics" : "send Authorization: Bearer <viewer token or SHIPBOARD_METRICS_TOKEN>";
      send(res, allowed === "forbidden" ? 403 : 401, JSON.stringify(errorBody(allowed, message)), "application/json");
      return;
    }
    const { body, contentType } = await scrapeMetrics();
    send(res, 200, body, contentType);
  } catch (error) {
    log.error({ err: error }, "metrics scrape failed");
    send(res, 503, JSON.stringify(errorBody("database_down", "metrics are unavailable; retry shortly")), "application/json");
  }
}

/**
 * GET /metrics for Prometheus, answered before Next.js because the dashboard's
 * metrics page lives at the same path: a browser navigation (Accept: text/html)
 * and the page's client-side navigations and prefetches (the RSC header) go on
 * to the page, any other client gets the Prometheus text.
 */
export function metricsRoute(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") return false;
  if ((req.headers.accept ?? "").includes("text/html") || req.headers.rsc !== undefined) return false;
  void handle(req, res);
  return true;
}
