// `shipboard watch PIPELINE`: follows the rollout with a progress bar per batch until it ends.
import type { PipelineView, ReleaseView } from "../lib/views/shapes";
import { EXIT, type Client } from "./client";
import { batchBar } from "./words";

type FullRelease = ReleaseView & { pipeline: string };

/**
 * Per batch: hosts of the step that run the release and are healthy (all of
 * them once the step succeeded), as the server counts them in the pipeline view.
 */
function bars(release: FullRelease, pipeline: PipelineView): string[] {
  const steps = pipeline.activeRelease?.id === release.id ? pipeline.activeRelease.steps : [];
  const healthy = new Map(steps.map((step) => [step.id, step.hostsHealthy ?? 0]));
  return release.steps
    .filter((step) => step.kind === "batch")
    .map((step) => {
      const done = step.state === "succeeded" ? step.hosts.length : (healthy.get(step.id) ?? 0);
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
