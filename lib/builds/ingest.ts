import { readCapped } from "../api/body";
import { clientAddress, consume } from "../api/rate-limit";
import { pool } from "../db";
import { AppError, badRequest, notFound, unauthorized } from "../errors";
import { webhookSecretOf } from "../pipelines/secret";
import { isProvider, providers, WebhookPayloadError, type ParsedEvent, type Provider, type WebhookProvider } from "../webhooks";
import { whyNotRecorded, type PipelineMatch } from "../webhooks/match";
import { refreshForFinishedBuild } from "../metrics/rollup";
import { logDeliveries, pruneDeliveries, type DeliveryOutcome } from "./deliveries";
import { countUnmatched, recordBuildEvent } from "./record";

type PipelineRow = PipelineMatch & { id: number; webhookSecret: string | null };

const JSON_TYPE = /^application\/(.+\+)?json\b/i;
// GitHub's default content type: the JSON is the form's `payload` field.
const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;

/** The JSON a delivery carries, from either content type GitHub offers. */
function payloadOf(raw: string, form: boolean): unknown {
  if (!form) return JSON.parse(raw);
  const payload = new URLSearchParams(raw).get("payload");
  if (payload === null) throw new WebhookPayloadError("payload is required (the form field with the JSON)", "payload");
  return JSON.parse(payload);
}

/** Parses without throwing: a bad payload is answered (400) only after the signature checked out. */
function parseDelivery(provider: Provider, headers: Headers, raw: string, form: boolean): ParsedEvent | AppError {
  try {
    return providers[provider].parse(headers, payloadOf(raw, form));
  } catch (error) {
    if (error instanceof WebhookPayloadError) return badRequest(error.message, error.field);
    if (error instanceof SyntaxError) return badRequest("the payload is not valid JSON");
    throw error;
  }
}

/** The pipelines of the event's repository, and the one `?pipeline=` names (whatever its repository). */
async function loadPipelines(repository: string | null, named: string | null): Promise<PipelineRow[]> {
  if (repository === null && named === null) return [];
  const { rows } = await pool().query<PipelineRow>(
    `SELECT id, slug, repository, branch, "ciWorkflows", "webhookSecret" FROM "Pipeline" WHERE lower(repository) = $1 OR slug = $2`,
    [repository, named],
  );
  return rows;
}

const EVENT_HEADERS = ["x-github-event", "x-gitlab-event", "x-buildkite-event"];

function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}

/**
 * Which pipelines a delivery concerns and which of them its signature is good
 * for. The candidates (the pipelines of the repository the event or ping
 * names, narrowed by ?pipeline=) each check it with their own secret; with
 * none, the named pipeline's secret or the server's decides, so that a
 * signed but unmatched delivery gets an honest 202. `signedIds` holds null for
 * the server's secret.
 */
function whoSigned(provider: WebhookProvider, headers: Headers, raw: string, repository: string | null, named: string | null, pipelines: PipelineRow[]) {
  const namedPipeline = named === null ? null : (pipelines.find((p) => p.slug === named) ?? null);
  const candidates = repository === null ? [] : pipelines.filter((p) => p.repository.toLowerCase() === repository && (named === null || p.slug === named));
  const verify = memoize((secret: string) => provider.verify(headers, raw, secret));
  const verifiers = candidates.length > 0 ? candidates : [namedPipeline ?? { id: null, webhookSecret: null }];
  const signedIds = verifiers.filter((p) => verify(webhookSecretOf(p) ?? "").ok).map((p) => p.id);
  const check = verify(webhookSecretOf(verifiers[0]!) ?? "");
  const refusal = signedIds.length > 0 || check.ok ? null : check.reason;
  return { namedPipeline, candidates, signedIds, refusal };
}

/**
 * One webhook delivery (SPEC "Webhooks", "Trust"): each pipeline the event
 * names checks the signature with its own secret (else the server's); the
 * event is recorded on the pipelines whose secret signed it and whose
 * repository, branch and ciWorkflows match; `?pipeline=` only narrows that set.
 * A delivery id already recorded records nothing. 202 for what is not
 * recorded (a ping, an event type we ignore, no matching pipeline) so CI does
 * not retry it; every outcome is logged on the pipelines it concerns.
 */
export async function ingestWebhook(provider: string, request: Request): Promise<Response> {
  await consume("webhook", clientAddress(request));
  if (!isProvider(provider)) throw notFound(`no webhook provider "${provider}" (use buildkite, github, gitlab or generic)`);
  const contentType = request.headers.get("content-type") ?? "";
  const form = provider === "github" && FORM_TYPE.test(contentType);
  if (!form && !JSON_TYPE.test(contentType)) {
    const also = provider === "github" ? " (or application/x-www-form-urlencoded, GitHub's default)" : "";
    throw new AppError("unsupported_media_type", `send the payload as JSON with Content-Type: application/json${also}`);
  }
  const { headers } = request;
  const raw = await readCapped(request);
  const named = new URL(request.url).searchParams.get("pipeline");
  const parsed = parseDelivery(provider, headers, raw, form);
  const repository = parsed instanceof AppError || parsed.kind === "ignored" ? null : parsed.kind === "ping" ? (parsed.repository ?? null) : parsed.event.repository;

  const { namedPipeline, candidates, signedIds, refusal } = whoSigned(
    providers[provider], headers, raw, repository, named, await loadPipelines(repository, named),
  );

  const header = providers[provider].deliveryHeader;
  const deliveryId = (header && headers.get(header)?.slice(0, 255)) || null;
  const eventName = EVENT_HEADERS.map((name) => headers.get(name)).find(Boolean)?.slice(0, 100) ?? null;
  const log = (pipelineIds: (number | null)[], outcome: DeliveryOutcome, status: number, reason: string | null) =>
    logDeliveries(pipelineIds.flatMap((pipelineId) => (pipelineId === null ? [] : [{ pipelineId, provider, outcome, status, reason, event: eventName, deliveryId }])));
  const concerned = [...new Set([...candidates, ...(namedPipeline ? [namedPipeline] : [])].map((p) => p.id))];

  if (refusal !== null) {
    await log(concerned, "refused", 401, refusal);
    throw unauthorized(refusal);
  }
  if (parsed instanceof AppError) {
    await log(signedIds, "refused", 400, parsed.message);
    throw parsed;
  }
  if (parsed.kind !== "build") {
    const reason = parsed.kind === "ping" ? "ping" : parsed.reason;
    await log(signedIds, "ignored", 202, reason);
    return Response.json({ recorded: false, reason }, { status: 202 });
  }

  const built = parsed.event;
  const verdicts = candidates.filter((p) => signedIds.includes(p.id)).map((p) => ({ id: p.id, why: whyNotRecorded(p, built) }));
  const recordOn = verdicts.filter((v) => v.why === null).map((v) => v.id);
  if (recordOn.length === 0) {
    const why = verdicts[0]?.why ?? (namedPipeline && whyNotRecorded(namedPipeline, built));
    const reason = why ?? `no pipeline for repository ${built.repository ?? "(none given)"}`;
    if (concerned.length === 0) await countUnmatched(built);
    await log(concerned, "unmatched", 202, reason);
    return Response.json({ recorded: false, reason }, { status: 202 });
  }
  const builds = await recordBuildEvent(built, recordOn, { id: deliveryId, event: eventName });
  await pruneDeliveries(recordOn);
  if (builds.length === 0) {
    const reason = `delivery ${deliveryId} was already recorded`;
    await log(recordOn, "duplicate", 202, reason);
    return Response.json({ recorded: false, duplicate: true, reason }, { status: 202 });
  }
  for (const { id, why } of verdicts) if (why !== null) await log([id], "unmatched", 200, why);
  if (built.finishedAt && (built.state === "passed" || built.state === "failed" || built.state === "canceled")) {
    await refreshForFinishedBuild(recordOn, built.finishedAt);
  }
  return Response.json({ recorded: true, builds }, { status: 200 });
}
