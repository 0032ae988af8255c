// POST /api/releases/:id/steps/:stepId: a webhook target's receiver reports a
// step it answered `running` for, signed like the step it received.
import { z } from "zod";
import { isUniqueViolation } from "../api/errors";
import { db } from "../db";
import { advancePipelineNow } from "../engine";
import { AppError, badRequest, conflict, unauthorized } from "../errors";
import { webhookSecretOf } from "../pipelines/secret";
import { REPLAY_WINDOW_SECONDS, verifyShipboard } from "../webhooks/shipboard-signature";
import { OUTPUT_LIMIT } from "./record";

const reportSchema = z.object({ state: z.enum(["succeeded", "failed", "running"]), log: z.string().max(OUTPUT_LIMIT).optional() });

function parseReport(rawBody: string) {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw badRequest("the body is not valid JSON");
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || "state";
    throw badRequest(`${field}: ${issue.message}`, field);
  }
  return parsed.data;
}

export async function reportStep(releaseId: number, stepId: number, headers: Headers, rawBody: string, now = new Date()) {
  const step = await db.releaseStep.findFirst({
    where: { id: stepId, releaseId },
    select: { state: true, release: { select: { pipeline: { select: { id: true, webhookSecret: true, target: true } } } } },
  });
  if (!step || (step.release.pipeline.target as { kind?: string }).kind !== "webhook") throw conflict("no such webhook step on this release");
  const verified = verifyShipboard(headers, rawBody, webhookSecretOf(step.release.pipeline), now);
  if (!verified.ok) throw unauthorized(verified.reason);
  if (step.state !== "running") throw conflict(`the step is ${step.state} already`);
  const report = parseReport(rawBody);
  const line = `callback: ${report.state}\n${report.log ? `${report.log}\n` : ""}`;
  const final = report.state !== "running";
  try {
    await db.$transaction(async (tx) => {
      await tx.stepCallback.deleteMany({ where: { at: { lt: new Date(now.getTime() - 2 * REPLAY_WINDOW_SECONDS * 1000) } } });
      await tx.stepCallback.create({ data: { signature: headers.get("x-shipboard-signature")!.toLowerCase(), stepId, at: now } });
      const changed = await tx.$executeRaw`
        UPDATE "StepRun" SET output = right(output || ${line}, ${OUTPUT_LIMIT}),
          state = CASE WHEN ${final} THEN ${report.state}::"StepRunState" ELSE state END,
          note = CASE WHEN ${final} THEN ${`${report.state} (callback)`} ELSE note END,
          "finishedAt" = CASE WHEN ${final} THEN ${now} ELSE "finishedAt" END, "leaseUntil" = NULL
        WHERE id = (SELECT id FROM "StepRun" WHERE "stepId" = ${stepId} ORDER BY attempt DESC LIMIT 1)
          AND state IN ('pending', 'running', 'waiting')`;
      if (changed === 0) throw conflict("the step's run is finished already");
    });
  } catch (error) {
    if (!(error instanceof AppError) && isUniqueViolation(error)) throw unauthorized("this signature was used already (replayed)");
    throw error;
  }
  // The release moves on in this request, on whichever node the receiver reached.
  if (final) await advancePipelineNow(step.release.pipeline.id);
  return { ok: true, state: report.state };
}
