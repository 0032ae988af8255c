import type http from "node:http";
import { Readable } from "node:stream";
import { errorResponse } from "../lib/api/errors";
import { ingestWebhook } from "../lib/builds/ingest";

/**
 * POST /api/webhooks/<provider> answered before Next.js, like the agents'
 * path: a CI burst is machine traffic, and a Next.js route handler tops out
 * near the 500 events/s ingest needs on this hardware. Same code
 * (lib/builds/ingest) and the same answers as any API route.
 */
const WEBHOOK_PATH = /^\/api\/webhooks\/([a-z]+)$/;

async function handle(provider: string, req: http.IncomingMessage, res: http.ServerResponse) {
  let response: Response;
  try {
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Readable.toWeb(req) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    response = await ingestWebhook(provider, request);
  } catch (error) {
    response = errorResponse(error);
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": body.length, "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(body);
}

export function webhookRoute(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (req.method !== "POST") return false;
  const provider = req.url?.split("?")[0]?.match(WEBHOOK_PATH)?.[1];
  if (!provider || provider === "unmatched") return false;
  void handle(provider, req, res);
  return true;
}
