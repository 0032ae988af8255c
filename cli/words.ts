// How the CLI prints Shipboard's JSON for a person; --json prints the JSON itself.
import type { PipelineView, ReleaseView } from "../lib/views/shapes";
import type { CommitView } from "../lib/views/commits";
import { commitSentence, rollbackNote } from "../components/commit/commit-words";
import { buildName, releaseName } from "../components/format";

const releaseLine = (r: Omit<ReleaseView, "steps">) =>
  `${releaseName(r)} ${r.state} · build ${buildName(r.build)}${r.build.message ? ` ${r.build.message.split("\n", 1)[0]}` : ""}${r.by ? ` · by ${r.by}` : ""}${r.reason ? ` · ${r.reason}` : ""}`;

export function pipelineText(p: PipelineView): string {
  const lines = [`${p.slug}  ${p.environment} · ${p.repository}@${p.branch}`];
  lines.push(`  live:     ${p.currentRelease ? releaseLine(p.currentRelease) : "nothing yet"}`);
  if (p.activeRelease) lines.push(`  rolling:  ${releaseLine(p.activeRelease)}`);
  if (p.lock) lines.push(`  locked:   by ${p.lock.by} (${p.lock.kind}): ${p.lock.reason}`);
  if (p.blocker) lines.push(`  waiting:  ${p.blocker.message}`);
  return lines.join("\n");
}

export const releasesText = (items: Omit<ReleaseView, "steps">[]) => items.map(releaseLine).join("\n") || "no releases yet";

export function commitText(c: CommitView): string {
  const lines = [`${c.sha.slice(0, 12)}  ${c.message?.split("\n", 1)[0] ?? ""}${c.author ? ` · ${c.author}` : ""}`];
  for (const item of c.pipelines) {
    lines.push(`  ${item.slug}: ${item.state} · ${commitSentence(item)}`);
    const note = rollbackNote(item);
    if (note) lines.push(`    ${note}`);
    if (item.estimatedLiveAt) lines.push(`    expected live around ${item.estimatedLiveAt}`);
  }
  if (c.pipelines.length === 0) lines.push("  no pipeline deploys the branch it was built on");
  return lines.join("\n");
}

const BAR = 24;

/** "Batch 2 of 4  [#########---------------]  3/8 hosts  running". */
export function batchBar(name: string, done: number, total: number, state: string): string {
  const filled = total > 0 ? Math.round((done / total) * BAR) : 0;
  return `${name.padEnd(14)} [${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ${`${done}/${total}`.padStart(9)} hosts  ${state}`;
}
