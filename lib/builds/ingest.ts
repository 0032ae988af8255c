import { readCapped } from "../api/body";
import { clientAddress, consume } from "../api/rate-limit";
import { AppError, badRequest, notFound, unauthorized } from "../errors";
import { isProvider, providers, WebhookPayloadError } from "../webhooks";
import { refreshForFinishedBuild } from "../metrics/rollup";
import { recordBuildEvent } from "./record";

/**
 * One webhook delivery: verify the signature over the exact bytes before
 * parsing anything, parse, record. 202 for what is not recorded (a ping, an
 * event type we ignore, no matching pipeline) so CI does not retry it.
 */
export async function ingestWebhook(provider: string, request: Request): Promise<Response> {
  await consume("webhook", clientAddress(request));
  if (!isProvider(provider)) throw notFound(`no webhook provider "${provider}" (use buildkite, github, gitlab or generic)`);
  if (!/^application\/(.+\+)?json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "send the payload as JSON with Content-Type: application/json");
  }
  const secret = process.env.SHIPBOARD_WEBHOOK_SECRET;
  if (!secret) throw unauthorized("webhooks are off: set SHIPBOARD_WEBHOOK_SECRET on the server");
  const raw = await readCapped(request);
  const verification = providers[provider].verify(request.headers, raw, secret);
  if (!verification.ok) throw unauthorized(verification.reason);

  let parsed;
  try {
    parsed = providers[provider].parse(request.headers, JSON.parse(raw));
  } catch (error) {
    if (error instanceof WebhookPayloadError) throw badRequest(error.message, error.field);
    if (error instanceof SyntaxError) throw badRequest("the payload is not valid JSON");
    throw error;
  }
  if (parsed.kind === "ping") return Response.json({ recorded: false, reason: "ping" }, { status: 202 });
  if (parsed.kind === "ignored") return Response.json({ recorded: false, reason: parsed.reason }, { status: 202 });

  const result = await recordBuildEvent(parsed.event, new URL(request.url).searchParams.get("pipeline"));
  const { state, finishedAt } = parsed.event;
  if (result.recorded && finishedAt && (state === "passed" || state === "failed" || state === "canceled")) {
    await refreshForFinishedBuild(result.builds.map((build) => build.pipeline), finishedAt);
  }
  return Response.json(result, { status: result.recorded ? 200 : 202 });
}
