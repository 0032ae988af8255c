import type { Metadata } from "next";
import { DeploymentNote } from "@/components/build/deployment-note";
import { PullRequestLink } from "@/components/build/pull-request-link";
import { buildName, commitUrl, formatDuration } from "@/components/format";
import { ReleasesTable } from "@/components/pipeline/releases-table";
import { idParam, orNotFound } from "@/components/server/page-data";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { StateBadge } from "@/components/ui/badge";
import { Facts } from "@/components/ui/facts";
import { PageTitle } from "@/components/ui/page-title";
import { Section } from "@/components/ui/section";
import { Sha } from "@/components/ui/sha";
import { linkStyle } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { cache } from "react";
import { currentIdentity, requireIdentity } from "@/lib/auth/session";
import { getBuild } from "@/lib/views/builds";

// The title and the page read the same build once per request.
const buildOf = cache((id: number) => getBuild(id));

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await currentIdentity())) return { title: "Sign in" };
  const build = await buildOf(idParam((await params).id)).catch(() => null);
  return { title: build ? `Build ${buildName(build)} · ${build.pipeline}` : "Build not found" };
}

export default async function BuildPage({ params }: Props) {
  await requireIdentity();
  const build = await orNotFound(buildOf(idParam((await params).id)));
  const moving = build.state === "running" || build.state === "scheduled" || build.releases.some((r) => r.state === "pending" || r.state === "running");
  return (
    <div className="space-y-5">
      {moving ? <AutoRefresh everyMs={3_000} /> : null}
      <PageTitle title={`Build ${buildName(build)}`} badge={<StateBadge state={build.state} />} pipeline={build.pipeline} detail={`${build.provider} · ${build.branch}`} />
      <Section title="Deployment" id="build-deployment" testId="build-deployment">
        <DeploymentNote deployment={build.deployment} />
      </Section>
      <Section title="Commit and CI run" id="build-facts">
        <Facts
          items={[
            { label: "Message", value: build.message ? <span className="whitespace-pre-line">{build.message}</span> : "—" },
            { label: "Commit", value: <Sha sha={build.commitSha} href={commitUrl(build.repository, build.commitSha, build)} /> },
            { label: "Author", value: build.author ?? "—" },
            { label: "Branch", value: build.branch },
            {
              label: "CI run",
              value: build.url ? (
                <a href={build.url} target="_blank" rel="noreferrer" className={linkStyle}>
                  {build.provider} {build.externalId}
                  <span aria-hidden> ↗</span>
                </a>
              ) : (
                `${build.provider} ${build.externalId}`
              ),
            },
            ...(build.pullRequest ? [{ label: build.provider === "gitlab" ? "Merge request" : "Pull request", value: <PullRequestLink pullRequest={build.pullRequest} provider={build.provider} /> }] : []),
            { label: "Created", value: <RelativeTime at={build.createdAt} /> },
            { label: "Committed", value: <RelativeTime at={build.committedAt} /> },
            { label: "Duration", value: <span className="tabular-nums">{formatDuration(build.durationMs)}</span> },
          ]}
        />
      </Section>
      <ReleasesTable slug={build.pipeline} releases={build.releases} />
    </div>
  );
}
