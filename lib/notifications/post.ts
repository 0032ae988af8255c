// One POST of a notification, through the private-address guard (lib/net/outbound-url.ts).
import http from "node:http";
import https from "node:https";
import { guardedLookup, outboundUrlProblem } from "../net/outbound-url";

const REQUEST_TIMEOUT_MS = 10_000;

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export function postJson(url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
  const problem = outboundUrlProblem(url);
  if (problem) return Promise.resolve({ ok: false, status: null, error: `refused: ${problem}` });
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      { method: "POST", headers: { "Content-Type": "application/json", "User-Agent": "Shipboard", ...headers }, lookup: guardedLookup(), timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        response.on("end", () => resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `answered ${status}` }));
        response.on("error", (error) => resolve({ ok: false, status, error: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on("error", (error) => resolve({ ok: false, status: null, error: error.message }));
    request.end(body);
  });
}
