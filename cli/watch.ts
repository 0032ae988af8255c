// `shipboard watch PIPELINE`: follows the rollout with a progress bar per batch until it ends.
import type { PipelineView, ReleaseView } from "../lib/views/shapes";
import { EXIT, type Client } from "./client";
import { batchBar } from "./words";

type FullRelease = ReleaseView & { pipeline: string };

/** Per batch: hosts of the step that run the release and are healthy (all of them once the step succeeded). */
function bars(release: FullRelease, pipeline: PipelineView): string[] {
  const hosts = new Map((pipeline.hosts ?? []).map((h) => [h.name, h]));
  return release.steps
    .filter((step) => step.kind === "batch")
    .map((step) => {
      const done = step.state === "succeeded"
        ? step.hosts.length
        : step.hosts.filter((name) => hosts.get(name)?.releaseId === release.id && hosts.get(name)?.healthy).length;
      return batchBar(step.name, done, step.hosts.length, step.state);
    });
}

export async function watch(api: Client, slug: string, options: { json: boolean; intervalMs?: number; out?: NodeJS.WriteStream }): Promise<number> {
  const out = options.out ?? process.stdout;
  const first = await api.get<PipelineView>(`/api/pipelines/${slug}`);
  const followed = first.activeRelease?.id;
  if (followed === undefined) {
    if (options.json) out.write(`${JSON.stringify({ pipeline: slug, activeRelease: null, currentRelease: first.currentRelease })}\n`);
    else out.write(`${slug}: nothing is rolling out${first.currentRelease ? ` (live: release #${first.currentRelease.number})` : ""}\n`);
    return EXIT.ok;
  }
  let drawn = 0;
  let last = "";
  for (;;) {
    const [release, pipeline] = await Promise.all([api.get<FullRelease>(`/api/releases/${followed}`), api.get<PipelineView>(`/api/pipelines/${slug}`)]);
    const done = release.state !== "pending" && release.state !== "running";
    if (options.json) {
      const line = JSON.stringify(release);
      if (line !== last) out.write(`${line}\n`);
      last = line;
    } else {
      const lines = [`${slug}: release #${release.number} (${release.kind}) ${release.state}`, ...bars(release, pipeline)];
      const text = lines.join("\n");
      if (out.isTTY && drawn > 0) out.write(`\x1b[${drawn}A\x1b[0J`);
      if (out.isTTY || text !== last) {
        out.write(`${text}\n`);
        drawn = lines.length;
      }
      last = text;
    }
    if (done) return release.state === "succeeded" ? EXIT.ok : EXIT.refused;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1_000));
  }
}
