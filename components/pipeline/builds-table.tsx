"use client";

import Link from "next/link";
import { useState } from "react";
import type { BuildWithDeployment } from "@/lib/views/builds";
import type { PipelineView, ReleaseView } from "@/lib/views/shapes";
import { BuildSummary, firstLine } from "../build/build-summary";
import { DeploymentNote, isWaiting, needsReasonToRedeploy } from "../build/deployment-note";
import { PullRequestLink } from "../build/pull-request-link";
import { buildName, commitUrl, formatDuration, releaseName } from "../format";
import { StateBadge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ReasonField } from "../ui/reason-field";
import { Section } from "../ui/section";
import { Sha } from "../ui/sha";
import { cell, linkStyle, phoneHidden, phoneOnly, subtle, Table } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { PromoteGuardrails, usePromoteGuardrails } from "./promote-guardrails";
import { usePipelineAction } from "./use-pipeline-action";

// On a phone the state sits under the build number, the status and action under the message, so nothing hides off to the right.
const head = [
  { label: "Build" },
  { label: "CI", hideOnPhone: true },
  { label: "Commit", hideOnPhone: true },
  { label: "Message" },
  { label: "Status", hideOnPhone: true },
  { label: "Author", hideOnPhone: true },
  { label: "Duration", hideOnPhone: true },
  { label: "Created", hideOnPhone: true },
  { label: "Action", srOnly: true, hideOnPhone: true },
];

/** Builds of one commit side by side (CI runs lint, tests… as separate builds), groups in the order of their newest build. */
export function groupByCommit<B extends { commitSha: string }>(builds: B[]): B[][] {
  const groups = new Map<string, B[]>();
  for (const build of builds) groups.set(build.commitSha, [...(groups.get(build.commitSha) ?? []), build]);
  return [...groups.values()];
}

function BuildRows({ groups, pipeline, action }: { groups: BuildWithDeployment[][]; pipeline: PipelineView; action: (build: BuildWithDeployment) => React.ReactNode }) {
  return groups.flatMap((group) =>
    group.map((build, index) => {
      const act = action(build);
      const sameCommit = index > 0;
      return (
        <tr
          key={build.id}
          data-testid="build-row"
          data-build-id={build.id}
          data-commit={build.commitSha}
          data-status={build.deployment.status}
          className={sameCommit ? "border-t-0! bg-zinc-50/60 dark:bg-zinc-900/40" : undefined}
        >
          <td className={`${cell} whitespace-nowrap ${sameCommit ? "pl-4" : ""}`}>
            {sameCommit ? <span aria-hidden className={`mr-1 ${subtle}`}>↳</span> : null}
            <Link href={`/builds/${build.id}`} className={`font-medium ${linkStyle}`}>
              {buildName(build)}
            </Link>
            {build.url ? (
              <a href={build.url} target="_blank" rel="noreferrer" className={`ml-2 text-xs ${subtle} ${linkStyle}`}>
                CI<span aria-hidden> ↗</span>
                <span className="sr-only"> run of build {buildName(build)} (opens in a new tab)</span>
              </a>
            ) : null}
            <PullRequestLink pullRequest={build.pullRequest} provider={build.provider} className={`ml-2 text-xs ${subtle}`} />
            <div className={`mt-1 ${phoneOnly}`}>
              <StateBadge state={build.state} />
            </div>
          </td>
          <td className={`${cell} ${phoneHidden}`}>
            <StateBadge state={build.state} />
          </td>
          <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>
            {sameCommit ? (
              <span className={`text-xs ${subtle}`}>same commit</span>
            ) : (
              <Sha sha={build.commitSha} href={commitUrl(pipeline.repository, build.commitSha, build)} />
            )}
          </td>
          <td className={`${cell} max-w-[14rem] sm:max-w-[22rem]`}>
            <p className="line-clamp-2 md:truncate" title={build.message ?? undefined}>
              {sameCommit ? <span className={subtle}>{build.branch === pipeline.branch ? "another CI run of this commit" : build.branch}</span> : build.message ? firstLine(build.message) : <span className={subtle}>—</span>}
            </p>
            <div className={`mt-1 space-y-1 ${phoneOnly}`}>
              <DeploymentNote deployment={build.deployment} />
              {act ? <div>{act}</div> : null}
            </div>
          </td>
          <td className={`${cell} ${phoneHidden} min-w-[14rem] max-w-[24rem]`}>
            <DeploymentNote deployment={build.deployment} />
          </td>
          <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>{build.author ?? "—"}</td>
          <td className={`${cell} ${phoneHidden} tabular-nums`}>{formatDuration(build.durationMs)}</td>
          <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>
            <RelativeTime at={build.createdAt} />
          </td>
          <td className={`${cell} ${phoneHidden} whitespace-nowrap text-right`}>{act}</td>
        </tr>
      );
    }),
  );
}

/**
 * The pipeline's builds in two parts: what waits to deploy (each with why),
 * then history, a commit's builds together; a passed build can be deployed by
 * hand (promote, SPEC rule 4), with a reason when it was rolled back or failed to deploy.
 */
export function BuildsTable({ pipeline, builds, canDeploy }: { pipeline: PipelineView; builds: BuildWithDeployment[]; canDeploy: boolean }) {
  const [chosen, setChosen] = useState<BuildWithDeployment | null>(null);
  const [reason, setReason] = useState("");
  const promote = usePipelineAction<{ buildId: number; reason?: string }, ReleaseView>(
    pipeline.slug,
    "promote",
    (release) => `${releaseName(release)} started: deploying build ${buildName(release.build)}`,
  );
  const busy = pipeline.activeRelease !== null;
  // A commit's builds stay together: the whole commit waits while any of its builds does.
  const groups = groupByCommit(builds);
  const waiting = groups.filter((group) => group.some((b) => isWaiting(b.deployment)));
  const history = groups.filter((group) => !group.some((b) => isWaiting(b.deployment)));
  const redeploy = chosen !== null && needsReasonToRedeploy(chosen.deployment);
  // Guardrails hold CD, not people: going past one (bake, freeze, windows) needs a reason too.
  const guardrails = usePromoteGuardrails(pipeline.slug, chosen?.id ?? null);
  const askReason = redeploy || guardrails.length > 0;

  const action = (build: BuildWithDeployment) => {
    if (!canDeploy || build.state !== "passed" || build.deployment.status === "live" || build.deployment.status === "deploying") return null;
    const again = needsReasonToRedeploy(build.deployment);
    return (
      <Button
        onClick={() => {
          setReason("");
          setChosen(build);
        }}
        disabled={busy}
        className="min-h-8 px-2 py-1 text-xs"
      >
        {again ? "Redeploy…" : "Deploy this build"}
        <span className="sr-only"> ({buildName(build)})</span>
      </Button>
    );
  };

  return (
    <>
      <Section
        title="Waiting to deploy"
        id="waiting-builds"
        testId="waiting-builds"
        actions={canDeploy && busy ? <p className={`text-xs ${subtle}`}>A release is rolling out: deploy another build when it ends.</p> : null}
      >
        {waiting.length === 0 ? (
          <p className={`text-sm ${subtle}`} data-testid="nothing-waiting">
            Nothing waits: the newest passed build is live.
          </p>
        ) : (
          <Table caption={`Builds of ${pipeline.slug} waiting to deploy, newest first, with the reason`} head={head}>
            <BuildRows groups={waiting} pipeline={pipeline} action={action} />
          </Table>
        )}
      </Section>
      <Section title="History" id="builds" testId="builds">
        {builds.length === 0 ? (
          <p className={`text-sm ${subtle}`}>No builds yet: point your CI&apos;s webhook at Shipboard.</p>
        ) : history.length === 0 ? (
          <p className={`text-sm ${subtle}`}>No earlier builds on this page.</p>
        ) : (
          <Table caption={`Earlier builds of ${pipeline.slug}, newest first, a commit's builds together`} head={head}>
            <BuildRows groups={history} pipeline={pipeline} action={action} />
          </Table>
        )}
      </Section>
      <ConfirmDialog
        open={chosen !== null}
        onClose={() => setChosen(null)}
        title={chosen ? `${redeploy ? "Redeploy" : "Deploy"} build ${buildName(chosen)}?` : "Deploy build"}
        confirm={chosen ? `${redeploy ? "Redeploy" : "Deploy"} build ${buildName(chosen)}` : "Deploy"}
        action={promote}
        disabled={askReason && reason.trim() === ""}
        onConfirm={() =>
          chosen && promote.mutate({ buildId: chosen.id, ...(askReason ? { reason: reason.trim() } : {}) }, { onSuccess: () => setChosen(null) })
        }
      >
        {chosen ? <BuildSummary build={chosen} /> : null}
        {chosen && redeploy ? (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            <DeploymentNote deployment={chosen.deployment} />. Say why it is safe to deploy it again.
          </p>
        ) : null}
        <PromoteGuardrails guardrails={guardrails} />
        {chosen && askReason ? (
          <>
            <ReasonField label="Reason (required)" value={reason} onChange={setReason} required placeholder="the fix for the error spike is in config, not this build" />
          </>
        ) : null}
        <p>
          It goes to every host of {pipeline.slug} ({pipeline.environment}) now, through the checks and then batch by batch.
          {pipeline.locked ? " The pipeline is locked: this deploys anyway, and it stays locked afterwards." : null}
        </p>
      </ConfirmDialog>
    </>
  );
}
