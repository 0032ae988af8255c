// What a notification says about an event: the webhook body of SPEC
// `{id, type, at, pipeline, release?, build?, actor?, reason?, url}`, read from
// the database when it is delivered (the event row holds only ids).
import { db } from "../db";
import type { Event } from "../generated/prisma/client";

/** The dashboard's address for links (NEXTAUTH_URL, else this machine's PORT). */
export function dashboardUrl(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function eventPayload(event: Event) {
  const [pipeline, release] = await Promise.all([
    db.pipeline.findUniqueOrThrow({ where: { id: event.pipelineId }, select: { slug: true, name: true, environment: true } }),
    event.releaseId === null ? null : db.release.findUnique({ where: { id: event.releaseId }, include: { build: true } }),
  ]);
  const base = dashboardUrl();
  return {
    id: String(event.id),
    type: event.type,
    at: event.at.toISOString(),
    pipeline: pipeline.slug,
    environment: pipeline.environment,
    release: release && {
      id: release.id,
      number: release.number,
      kind: release.kind,
      state: release.state,
      by: release.by,
      startedAt: iso(release.startedAt),
      finishedAt: iso(release.finishedAt),
      durationMs: release.startedAt && release.finishedAt ? release.finishedAt.getTime() - release.startedAt.getTime() : null,
      replacedReleaseId: release.replacedReleaseId,
    },
    build: release && {
      id: release.build.id,
      number: release.build.number,
      commitSha: release.build.commitSha,
      message: release.build.message,
      author: release.build.author,
      url: release.build.url,
    },
    actor: event.actor,
    reason: event.reason,
    url: release ? `${base}/releases/${release.id}` : `${base}/pipelines/${pipeline.slug}`,
  };
}

export type EventPayload = Awaited<ReturnType<typeof eventPayload>>;
