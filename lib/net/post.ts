// One JSON POST to a URL outside Shipboard (a webhook target's step, a
// notification), through the private-address guard at connection time
// (lib/net/outbound-url.ts): the one place that speaks HTTP out.
import http from "node:http";
import https from "node:https";
import { guardedLookup } from "./outbound-url";

/** What a receiver answered (its body up to ANSWER_LIMIT), or why there was no answer. */
export type PostAnswer = { status: number; body: string } | { error: Error };

/** Characters of an answer's body kept. */
const ANSWER_LIMIT = 65_536;

export function guardedPost(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<PostAnswer> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "Shipboard", ...headers },
        lookup: guardedLookup(),
        timeout: options.timeoutMs,
        signal: options.signal,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < ANSWER_LIMIT) text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on("error", (error) => resolve({ error }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${Math.round(options.timeoutMs / 1000)} s`)));
    request.on("error", (error) => resolve({ error }));
    request.end(body);
  });
}
