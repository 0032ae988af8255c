// SPEC "Targets > webhook": each step POSTed, signed, to the target's URL. A
// 2xx `{state}` decides (`running`: the receiver reports to callbackUrl later);
// 5xx, 429, timeouts and network errors are tried again with exponential
// backoff and jitter until the step timeout; any other answer fails the step.
import { z } from "zod";
import { outboundUrlProblem, RefusedAddressError } from "../net/outbound-url";
import { guardedPost } from "../net/post";
import { webhookSecretOf } from "../pipelines/secret";
import { signShipboard } from "../webhooks/shipboard-signature";
import { deadlineOf, type RunContext } from "./context";
import type { RunOutcome } from "./record";

/** One request waits at most this long for an answer. */
const REQUEST_TIMEOUT_MS = 30_000;

const answerSchema = z.object({ state: z.enum(["succeeded", "failed", "running"]), log: z.string().max(1_048_576).optional() });

/** Where receivers report a step that answered `running`. */
export function callbackUrl(releaseId: number, stepId: number): string {
  const base = (process.env.SHIPBOARD_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
  return `${base}/api/releases/${releaseId}/steps/${stepId}`;
}

export function stepPayload(context: RunContext) {
  const { pipeline, release, build, step } = context;
  return {
    event: "step",
    pipeline: pipeline.slug,
    release: { id: release.id, number: release.number, kind: release.kind },
    build: { number: build.number, commitSha: build.commitSha },
    step: { id: step.id, kind: step.kind, name: step.name, hosts: step.hosts },
    callbackUrl: callbackUrl(release.id, step.id),
  };
}

/** Exponential backoff from 1 s, at most 60 s, with full jitter over its upper half. */
export function backoffMs(tries: number, random = Math.random): number {
  const ceiling = Math.min(60_000, 1_000 * 2 ** tries);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** One delivery of the step; `tries` counts the deliveries before it. */
export async function runWebhook(context: RunContext, tries: number, signal: AbortSignal): Promise<RunOutcome> {
  const target = context.pipeline.target;
  if (target.kind !== "webhook") return { state: "failed", note: "not a webhook target" };
  const secret = webhookSecretOf(context.pipeline);
  if (!secret) return { state: "failed", note: "no signing secret: set the pipeline's webhookSecret or SHIPBOARD_WEBHOOK_SECRET" };
  const problem = outboundUrlProblem(target.url);
  if (problem) return { state: "failed", note: `refused ${target.url}: ${problem}` };

  const body = JSON.stringify(stepPayload(context));
  const remaining = deadlineOf(context) - Date.now();
  const timeoutMs = Math.max(1_000, Math.min(REQUEST_TIMEOUT_MS, remaining));
  const answer = await guardedPost(target.url, body, signShipboard(secret, body), { timeoutMs, signal });
  const attempt = `POST ${target.url} (delivery ${tries + 1})`;

  let why: string;
  if ("error" in answer) {
    if (answer.error instanceof RefusedAddressError) return { state: "failed", note: `refused: ${answer.error.message}`, output: `${attempt}: refused: ${answer.error.message}\n` };
    why = answer.error.message;
  } else if (answer.status >= 200 && answer.status < 300) {
    const parsed = answerSchema.safeParse(safeJson(answer.body));
    if (!parsed.success) {
      return { state: "failed", note: `answered ${answer.status} without {state}`, httpStatus: answer.status, output: `${attempt}: ${answer.status} ${answer.body.slice(0, 500)}\n` };
    }
    const { state, log } = parsed.data;
    const output = `${attempt}: ${answer.status} ${state}\n${log ? `${log}\n` : ""}`;
    if (state === "running") return { state: "waiting", note: "running: waiting for the receiver's callback", httpStatus: answer.status, output };
    return { state, note: `${state} (HTTP ${answer.status})`, httpStatus: answer.status, output };
  } else if (answer.status >= 500 || answer.status === 429) {
    why = `HTTP ${answer.status}`;
  } else {
    return { state: "failed", note: `answered HTTP ${answer.status}`, httpStatus: answer.status, output: `${attempt}: ${answer.status} ${answer.body.slice(0, 500)}\n` };
  }
  const delay = backoffMs(tries);
  const retryAt = new Date(Date.now() + delay);
  if (retryAt.getTime() >= deadlineOf(context)) {
    return { state: "failed", note: `no answer before the step timeout (last: ${why})`, output: `${attempt}: ${why}; no time left before the step timeout\n` };
  }
  const httpStatus = "status" in answer ? answer.status : null;
  return { state: "pending", note: `${why}; retrying`, httpStatus, output: `${attempt}: ${why}; retrying in ${(delay / 1000).toFixed(1)} s\n`, retryAt };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
