import type { PipelineView } from "@/lib/views/shapes";

type Linked = Pick<PipelineView, "slug" | "upstream">;
const upstreamOf = (pipeline: Linked) => (pipeline.upstream as { slug: string } | null)?.slug ?? null;

/**
 * Environment chains (staging → production) among the pipelines shown, each
 * in order from the first environment; a pipeline in no chain is in none.
 * A pipeline feeding several others starts one chain per branch.
 */
export function chainsOf<P extends Linked>(pipelines: readonly P[]): P[][] {
  const bySlug = new Map(pipelines.map((p) => [p.slug, p]));
  const downstream = new Map<string, P[]>();
  for (const p of pipelines) {
    const up = upstreamOf(p);
    if (up !== null && bySlug.has(up) && up !== p.slug) downstream.set(up, [...(downstream.get(up) ?? []), p]);
  }
  const chains: P[][] = [];
  const walk = (chain: P[]) => {
    const next = (downstream.get(chain.at(-1)!.slug) ?? []).filter((p) => !chain.includes(p));
    if (next.length === 0) return void chains.push(chain);
    for (const p of next) walk([...chain, p]);
  };
  for (const p of pipelines) {
    const up = upstreamOf(p);
    if ((up === null || !bySlug.has(up)) && downstream.has(p.slug)) walk([p]);
  }
  return chains;
}
