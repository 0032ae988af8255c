"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { MetricCheckView } from "@/lib/views/metric-checks";
import type { ReleaseView } from "@/lib/views/shapes";
import { getJson } from "../api";
import { BuildSummary } from "../build/build-summary";
import { elapsedMs, formatAbsolute, formatDuration, releaseName } from "../format";
import { FAST_POLL_MS, isActive, queryKeys } from "../queries";
import { StateBadge } from "../ui/badge";
import { Facts } from "../ui/facts";
import { PageTitle } from "../ui/page-title";
import { Section } from "../ui/section";
import { StaleBanner } from "../ui/stale-banner";
import { linkStyle, subtle } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { useNow } from "../ui/use-now";
import { useDocumentTitle } from "../ui/use-document-title";
import { useTimeZone } from "../ui/use-time-zone";
import { MarkFailedButton } from "./mark-failed";
import { MetricChecks } from "./metric-checks";
import { releaseTitle } from "./release-title";
import { StepTimeline } from "./step-timeline";

export type ReleasePageData = ReleaseView & { pipeline: string; metricChecks: MetricCheckView[] };
/** Another release named by this one's page: the one it replaced, or the one that replaced it. */
export type ReleaseRef = Pick<ReleaseView, "id" | "number" | "kind" | "state">;

function ReleaseLink({ release }: { release: ReleaseRef }) {
  return (
    <Link href={`/releases/${release.id}`} className={linkStyle}>
      {releaseName(release)}
    </Link>
  );
}

function Lineage({ release, replaced, replacedBy }: { release: ReleaseView; replaced: ReleaseRef | null; replacedBy: ReleaseRef | null }) {
  const links = [
    replaced && { words: release.kind === "rollback" ? "Rolled back from" : "Replaced", release: replaced },
    replacedBy && { words: replacedBy.kind === "rollback" ? "Rolled back by" : "Replaced by", release: replacedBy },
  ].filter((link) => link !== null);
  if (links.length === 0 && release.state !== "superseded") return <span className={subtle}>—</span>;
  return (
    <span className="flex flex-col gap-1">
      {links.map((link) => (
        <span key={link.words}>
          {link.words} <ReleaseLink release={link.release} />
        </span>
      ))}
      {release.state === "superseded" ? <span>Superseded before it finished: a rollback took over.</span> : null}
    </span>
  );
}

/** One release: who started it and why, its build, what it replaced, and its steps live while it runs. */
export function ReleaseLive({ initial, replaced, replacedBy, canFail = false }: {
  initial: ReleasePageData;
  replaced: ReleaseRef | null;
  replacedBy: ReleaseRef | null;
  /** An admin looks: a pending, running or stuck release can be marked failed. */
  canFail?: boolean;
}) {
  const router = useRouter();
  const now = useNow();
  const query = useQuery({
    queryKey: queryKeys.release(initial.id),
    queryFn: () => getJson<ReleasePageData>(`/api/releases/${initial.id}`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.state) ? FAST_POLL_MS : false),
  });
  const release = query.data;
  const active = isActive(release.state);

  // When it ends, the server part (what replaced it) may have changed too.
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) router.refresh();
    wasActive.current = active;
  }, [active, router]);

  const zone = useTimeZone();
  useDocumentTitle(releaseTitle(release));
  const started = release.startedAt ?? release.createdAt;
  return (
    <div className="space-y-5">
      <StaleBanner error={query.error} />
      <PageTitle
        title={releaseName(release)}
        badge={<StateBadge state={release.state} />}
        pipeline={release.pipeline}
        detail={`${release.kind} · ${release.trigger === "auto" ? "started by continuous deployment" : "started by a person"}`}
      />
      {canFail && active ? (
        <div className="flex gap-2">
          <MarkFailedButton release={release} />
        </div>
      ) : null}

      <Section title="What and why" id="release-facts">
        <Facts
          items={[
            { label: "Build", value: <BuildSummary build={release.build} /> },
            { label: "Started by", value: release.trigger === "auto" ? "continuous deployment" : (release.by ?? "someone") },
            { label: "Reason", value: release.reason ?? <span className={subtle}>none given</span> },
            { label: "Lineage", value: <Lineage release={release} replaced={replaced} replacedBy={replacedBy} /> },
            { label: "Created", value: <RelativeTime at={release.createdAt} /> },
            { label: "Finished", value: release.finishedAt ? <RelativeTime at={release.finishedAt} /> : active ? "still running" : "—" },
            {
              label: active ? "Elapsed" : "Duration",
              value: (
                <span className="tabular-nums">
                  {formatDuration(active ? elapsedMs(started, null, now) : release.durationMs)}
                  {active && release.estimatedFinishAt ? (
                    <span className={subtle} title={formatAbsolute(release.estimatedFinishAt, zone)} data-testid="release-eta" suppressHydrationWarning>
                      {" "}
                      · usually done by {formatAbsolute(release.estimatedFinishAt, zone).slice(11)}
                    </span>
                  ) : null}
                </span>
              ),
            },
          ]}
        />
      </Section>

      {release.metricChecks.length > 0 ? (
        <Section title="Metric checks" id="release-metric-checks" testId="release-metric-checks">
          <MetricChecks checks={release.metricChecks} />
        </Section>
      ) : null}

      <Section title="Steps" id="release-steps" testId="release-steps">
        <StepTimeline releaseId={release.id} steps={release.steps} />
      </Section>
    </div>
  );
}
