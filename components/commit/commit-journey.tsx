"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { CommitPipelineView, CommitView } from "@/lib/views/commits";
import { getJson } from "../api";
import { BuildSummary, firstLine } from "../build/build-summary";
import { formatExpected, releaseName, shortSha } from "../format";
import { pollEvery } from "../queries";
import { Facts } from "../ui/facts";
import { Progress } from "../ui/progress";
import { Section } from "../ui/section";
import { StaleBanner } from "../ui/stale-banner";
import { linkStyle, subtle } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { CommitStateBadge } from "./commit-state-badge";
import { commitSentence, isMoving, rollbackNote } from "./commit-words";

function PipelineJourney({ item }: { item: CommitPipelineView }) {
  const note = rollbackNote(item);
  return (
    <Section
      title={item.slug}
      id={`commit-${item.slug}`}
      testId={`commit-pipeline-${item.slug}`}
      actions={<CommitStateBadge state={item.state} />}
    >
      <p className="mb-3 text-sm" data-testid="commit-sentence">
        {commitSentence(item)}
      </p>
      {note ? (
        <p className="mb-3 text-sm text-violet-800 dark:text-violet-200" data-testid="commit-rollback-note">
          {note}
        </p>
      ) : null}
      {item.state === "deploying" ? (
        <div className="mb-3">
          <Progress value={item.hostsOn} max={item.hostsTotal} label={`${item.slug}: hosts running this commit`} />
        </div>
      ) : null}
      <Facts
        items={[
          { label: "Build", value: <BuildSummary build={item.build} /> },
          {
            label: "Release",
            value: item.release ? (
              <Link href={`/releases/${item.release.id}`} className={linkStyle}>
                {releaseName(item.release)}
              </Link>
            ) : (
              <span className={subtle}>none yet</span>
            ),
          },
          { label: "Hosts with it", value: <span className="tabular-nums">{`${item.hostsOn} of ${item.hostsTotal}`}</span> },
          ...(item.liveAt ? [{ label: "Live since", value: <RelativeTime at={item.liveAt} /> }] : []),
          ...(item.estimatedLiveAt
            ? [{ label: "Expected live", value: <RelativeTime at={item.estimatedLiveAt} format={formatExpected} /> }]
            : []),
          ...(item.rolledBack
            ? [{
                label: "Rolled back",
                value: (
                  <span>
                    <Link href={`/releases/${item.rolledBack.releaseId}`} className={linkStyle}>
                      Rollback #{item.rolledBack.number}
                    </Link>{" "}
                    by {item.rolledBack.by ?? "someone"} <RelativeTime at={item.rolledBack.at} />
                    {item.rolledBack.reason ? `: ${item.rolledBack.reason}` : ""}
                  </span>
                ),
              }]
            : []),
        ]}
      />
    </Section>
  );
}

/** "Where is my change?": the commit's state on every pipeline, asked again every second while it moves. */
export function CommitJourney({ initial }: { initial: CommitView }) {
  const query = useQuery({
    queryKey: ["commit", initial.sha],
    queryFn: () => getJson<CommitView>(`/api/commits/${initial.sha}`),
    initialData: initial,
    refetchInterval: (q) => pollEvery(isMoving(q.state.data?.pipelines ?? [])),
  });
  const commit = query.data;
  return (
    <div className="space-y-5">
      <StaleBanner error={query.error} />
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">
          Commit <code className="font-mono">{shortSha(commit.sha)}</code>
        </h1>
        <p className={`text-sm ${subtle}`}>
          {commit.message ? firstLine(commit.message) : "no message recorded"}
          {commit.author ? ` · by ${commit.author}` : ""}
        </p>
      </header>
      {commit.pipelines.length === 0 ? (
        <p className={subtle}>No pipeline deploys the branch this commit was built on.</p>
      ) : (
        commit.pipelines.map((item) => <PipelineJourney key={item.slug} item={item} />)
      )}
    </div>
  );
}
