// Everything a worker needs to execute one step run, loaded in one query.
import { db } from "../db";
import { parseTarget, type CommandTarget, type WebhookTarget } from "../engine/targets/schema";

export type RunContext = {
  runId: number;
  attempt: number;
  step: { id: number; kind: "check" | "batch"; name: string; hosts: string[]; startedAt: Date; position: number; batchNumber: number | null };
  release: { id: number; number: number; kind: "deploy" | "promote" | "rollback" };
  build: { number: number | null; commitSha: string };
  pipeline: { id: number; slug: string; webhookSecret: string | null; target: CommandTarget | WebhookTarget };
};

export async function loadRunContext(runId: number): Promise<RunContext | null> {
  const run = await db.stepRun.findUnique({
    where: { id: runId },
    include: {
      step: {
        include: {
          release: {
            include: {
              build: { select: { number: true, commitSha: true } },
              pipeline: { select: { id: true, slug: true, webhookSecret: true, target: true } },
            },
          },
        },
      },
    },
  });
  if (!run) return null;
  const { step } = run;
  const { release } = step;
  const target = parseTarget(release.pipeline.target);
  if (target.kind !== "command" && target.kind !== "webhook") return null;
  const batchNumber =
    step.kind === "batch"
      ? await db.releaseStep.count({ where: { releaseId: release.id, kind: "batch", position: { lte: step.position } } })
      : null;
  return {
    runId,
    attempt: run.attempt,
    step: { id: step.id, kind: step.kind, name: step.name, hosts: step.hosts, startedAt: step.startedAt ?? run.createdAt, position: step.position, batchNumber },
    release: { id: release.id, number: release.number, kind: release.kind },
    build: release.build,
    pipeline: { ...release.pipeline, target },
  };
}

/** When the step times out (rule 7): the engine fails it then, and the worker stops its run. */
export function deadlineOf(context: RunContext): number {
  return context.step.startedAt.getTime() + context.pipeline.target.stepTimeoutSeconds * 1000;
}
