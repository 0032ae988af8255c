import Link from "next/link";
import type { PipelineView } from "@/lib/views/shapes";
import { shortSha } from "../format";
import { Section } from "../ui/section";
import { subtle } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { chainsOf } from "./chains";

/** One environment of a chain: what is live there, and (downstream) what the next commit waits for. */
function Stage({ pipeline, first }: { pipeline: PipelineView; first: boolean }) {
  const live = pipeline.currentRelease?.build.commitSha;
  const waiting = !first && pipeline.blocker && ["baking", "waiting-for-upstream"].includes(pipeline.blocker.code) ? pipeline.blocker : null;
  return (
    <span data-testid="chain-stage" data-slug={pipeline.slug} className="inline-flex flex-wrap items-baseline gap-1.5">
      <Link href={`/pipelines/${pipeline.slug}`} className="font-medium hover:underline">
        {pipeline.name}
      </Link>
      <code className="font-mono text-xs" title={live}>
        {live ? shortSha(live) : "nothing live"}
      </code>
      {waiting ? (
        <span className={`text-xs ${subtle}`} title={waiting.message}>
          ({waiting.code === "baking" ? "next: baking" : "next: waiting"}
          {waiting.until ? <>, ready <RelativeTime at={waiting.until} /></> : null})
        </span>
      ) : null}
    </span>
  );
}

/** Environment chains as one row each: staging → production with the commit live on each. */
export function ChainRows({ pipelines }: { pipelines: PipelineView[] }) {
  const chains = chainsOf(pipelines);
  if (chains.length === 0) return null;
  return (
    <Section title="Environment chains" id="chains" testId="chains">
      <ul className="space-y-2 text-sm">
        {chains.map((chain) => (
          <li key={chain.map((p) => p.slug).join(">")} data-testid="chain" className="flex flex-wrap items-baseline gap-2">
            {chain.map((pipeline, i) => (
              <span key={pipeline.slug} className="inline-flex items-baseline gap-2">
                {i > 0 ? <span aria-label="then">→</span> : null}
                <Stage pipeline={pipeline} first={i === 0} />
              </span>
            ))}
          </li>
        ))}
      </ul>
    </Section>
  );
}
