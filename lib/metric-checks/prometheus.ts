// One instant query to a Prometheus-compatible server: `GET {url}/api/v1/query`.
// The answer is the first sample's value of an instant vector, or the scalar;
// anything else (an error, a timeout, no series, a value that is not a finite
// number) is no value, with a note saying why. The URL is an outgoing one
// people configure: the private-address guard applies (lib/net/outbound-url.ts).
import http from "node:http";
import https from "node:https";
import { z } from "zod";
import { guardedLookup, outboundUrlProblem } from "../net/outbound-url";

/** Answers larger than this are not read further (an instant query's first sample comes early). */
const ANSWER_LIMIT = 1_048_576;

export type QueryAnswer = { value: number; note: null } | { value: null; note: string };

const sampleValue = z.tuple([z.number(), z.string()]);
const answerSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("success"),
    data: z.discriminatedUnion("resultType", [
      z.object({ resultType: z.literal("vector"), result: z.array(z.object({ value: sampleValue })) }),
      z.object({ resultType: z.literal("scalar"), result: sampleValue }),
      z.object({ resultType: z.enum(["matrix", "string"]), result: z.unknown() }),
    ]),
  }),
  z.object({ status: z.literal("error"), errorType: z.string().optional(), error: z.string().optional() }),
]);

/** `{url}/api/v1/query?query=…`, keeping a path prefix the URL has (`https://host/prometheus`). */
export function queryUrl(base: string, query: string): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/api/v1/query`;
  url.searchParams.set("query", query);
  return url;
}

/** What an answer's body says, as a value or why there is none. */
export function readAnswer(status: number, body: string): QueryAnswer {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { value: null, note: `HTTP ${status}: not a Prometheus answer` };
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) return { value: null, note: `HTTP ${status}: not a Prometheus answer` };
  const answer = parsed.data;
  if (answer.status === "error") return { value: null, note: `query error: ${answer.error ?? answer.errorType ?? `HTTP ${status}`}`.slice(0, 500) };
  const { data } = answer;
  let raw: string;
  if (data.resultType === "vector") {
    const first = data.result[0];
    if (first === undefined) return { value: null, note: "no data" };
    raw = first.value[1];
  } else if (data.resultType === "scalar") {
    raw = data.result[1];
  } else {
    return { value: null, note: `the query answers a ${data.resultType}, not an instant vector or scalar` };
  }
  const value = Number(raw);
  return Number.isFinite(value) ? { value, note: null } : { value: null, note: `the value is ${raw}` };
}

type Options = { timeoutMs: number; signal?: AbortSignal };

/** Asks the server once; never throws: a failure is an answer without a value. */
export async function queryPrometheus(base: string, query: string, { timeoutMs, signal }: Options): Promise<QueryAnswer> {
  const problem = outboundUrlProblem(base);
  if (problem) return { value: null, note: `refused: ${problem}` };
  const url = queryUrl(base, query);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.get(
      url,
      { headers: { Accept: "application/json", "User-Agent": "Shipboard" }, lookup: guardedLookup(), timeout: timeoutMs, signal },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < ANSWER_LIMIT) text += chunk;
        });
        response.on("end", () => resolve(readAnswer(response.statusCode ?? 0, text)));
        response.on("error", (error) => resolve({ value: null, note: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${(timeoutMs / 1000).toFixed(1)} s`)));
    request.on("error", (error) => resolve({ value: null, note: error.message }));
  });
}
