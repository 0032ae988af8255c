"use client";

import Link from "next/link";
import { useState } from "react";
import type { BuildView, PipelineView, ReleaseView } from "@/lib/views/shapes";
import { BuildSummary, firstLine } from "../build/build-summary";
import { buildName, formatDuration, releaseName } from "../format";
import { Badge, StateBadge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Section } from "../ui/section";
import { Sha } from "../ui/sha";
import { cell, linkStyle, phoneHidden, phoneOnly, subtle, Table } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { PromoteGuardrails, usePromoteGuardrails } from "./promote-guardrails";
import { usePipelineAction } from "./use-pipeline-action";

// On a phone the state sits under the build number and the action under the message, so nothing hides off to the right.
const head = [
  { label: "Build" },
  { label: "State", hideOnPhone: true },
  { label: "Commit", hideOnPhone: true },
  { label: "Message" },
  { label: "Author", hideOnPhone: true },
  { label: "Duration", hideOnPhone: true },
  { label: "Created", hideOnPhone: true },
  { label: "Action", srOnly: true, hideOnPhone: true },
];

/** The pipeline's builds, newest first, each passed one deployable by hand (promote, SPEC rule 4). */
export function BuildsTable({ pipeline, builds, canDeploy }: { pipeline: PipelineView; builds: BuildView[]; canDeploy: boolean }) {
  const [chosen, setChosen] = useState<BuildView | null>(null);
  const [reason, setReason] = useState("");
  const guardrails = usePromoteGuardrails(pipeline.slug, chosen?.id ?? null);
  const close = () => (setChosen(null), setReason(""));
  const promote = usePipelineAction<{ buildId: number; reason?: string }, ReleaseView>(
    pipeline.slug,
    "promote",
    (release) => `${releaseName(release)} started: deploying build ${buildName(release.build)}`,
  );
  const liveBuildId = pipeline.currentRelease?.build.id;
  const busy = pipeline.activeRelease !== null;

  return (
    <Section
      title="Builds"
      id="builds"
      testId="builds"
      actions={canDeploy && busy ? <p className={`text-xs ${subtle}`}>A release is rolling out: deploy another build when it ends.</p> : null}
    >
      {builds.length === 0 ? (
        <p className={`text-sm ${subtle}`}>No builds yet: point your CI&apos;s webhook at Shipboard.</p>
      ) : (
        <Table caption={`Builds of ${pipeline.slug}, newest first`} head={head}>
          {builds.map((build) => {
            const action =
              build.id === liveBuildId ? (
                <Badge tone="ok" glyph="●">
                  live
                </Badge>
              ) : canDeploy && build.state === "passed" ? (
                <Button onClick={() => setChosen(build)} disabled={busy} className="min-h-8 px-2 py-1 text-xs">
                  Deploy this build<span className="sr-only"> ({buildName(build)})</span>
                </Button>
              ) : null;
            return (
              <tr key={build.id} data-testid="build-row" data-build-id={build.id}>
                <td className={`${cell} whitespace-nowrap`}>
                  <Link href={`/builds/${build.id}`} className={`font-medium ${linkStyle}`}>
                    {buildName(build)}
                  </Link>
                  {build.url ? (
                    <a href={build.url} target="_blank" rel="noreferrer" className={`ml-2 text-xs ${subtle} ${linkStyle}`}>
                      CI<span aria-hidden> ↗</span>
                      <span className="sr-only"> run of build {buildName(build)} (opens in a new tab)</span>
                    </a>
                  ) : null}
                  <div className={`mt-1 ${phoneOnly}`}>
                    <StateBadge state={build.state} />
                  </div>
                </td>
                <td className={`${cell} ${phoneHidden}`}>
                  <StateBadge state={build.state} />
                </td>
                <td className={`${cell} ${phoneHidden}`}>
                  <Sha sha={build.commitSha} />
                </td>
                <td className={`${cell} max-w-[14rem] sm:max-w-[22rem]`}>
                  <p className="line-clamp-2 md:truncate" title={build.message ?? undefined}>
                    {build.message ? firstLine(build.message) : <span className={subtle}>—</span>}
                  </p>
                  {action ? <div className={`mt-1 ${phoneOnly}`}>{action}</div> : null}
                </td>
                <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>{build.author ?? "—"}</td>
                <td className={`${cell} ${phoneHidden} tabular-nums`}>{formatDuration(build.durationMs)}</td>
                <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>
                  <RelativeTime at={build.createdAt} />
                </td>
                <td className={`${cell} ${phoneHidden} whitespace-nowrap text-right`}>{action}</td>
              </tr>
            );
          })}
        </Table>
      )}
      <ConfirmDialog
        open={chosen !== null}
        onClose={close}
        title={chosen ? `Deploy build ${buildName(chosen)}?` : "Deploy build"}
        confirm={chosen ? `Deploy build ${buildName(chosen)}` : "Deploy"}
        action={promote}
        disabled={guardrails.length > 0 && reason.trim() === ""}
        onConfirm={() => chosen && promote.mutate({ buildId: chosen.id, ...(reason.trim() ? { reason: reason.trim() } : {}) }, { onSuccess: close })}
      >
        {chosen ? <BuildSummary build={chosen} /> : null}
        <p>
          It goes to every host of {pipeline.slug} ({pipeline.environment}) now, through the checks and then batch by batch.
          {pipeline.locked ? " The pipeline is locked: this deploys anyway, and it stays locked afterwards." : null}
        </p>
        <PromoteGuardrails guardrails={guardrails} reason={reason} onReason={setReason} />
      </ConfirmDialog>
    </Section>
  );
}
