import Link from "next/link";
import type { BuildDeployment, ReleaseRef } from "@/lib/views/build-deployment";
import { releaseName } from "../format";
import { Badge } from "../ui/badge";
import { linkStyle } from "../ui/table";
import type { Tone } from "../ui/tone";

function ReleaseLink({ release }: { release: ReleaseRef }) {
  return (
    <Link href={`/releases/${release.id}`} className={linkStyle}>
      {releaseName(release)}
    </Link>
  );
}

const looks: Record<BuildDeployment["status"], { tone: Tone; glyph: string; word: string }> = {
  live: { tone: "ok", glyph: "●", word: "live" },
  "live-via": { tone: "ok", glyph: "●", word: "live via" },
  deploying: { tone: "active", glyph: "◐", word: "deploying" },
  "rolled-back": { tone: "rollback", glyph: "↶", word: "rolled back" },
  "failed-to-deploy": { tone: "bad", glyph: "✕", word: "failed to deploy" },
  shipped: { tone: "muted", glyph: "✓", word: "was live" },
  waiting: { tone: "warn", glyph: "‖", word: "waiting" },
  skipped: { tone: "muted", glyph: "↷", word: "skipped" },
  building: { tone: "muted", glyph: "◐", word: "CI running" },
  "ci-failed": { tone: "muted", glyph: "✕", word: "CI did not pass" },
  "other-branch": { tone: "muted", glyph: "–", word: "other branch" },
  none: { tone: "muted", glyph: "–", word: "not deployed" },
};

/** Builds that wait for the pipeline (rather than being history): CI still running, blocked, or on their way. */
export const isWaiting = (deployment: BuildDeployment) => ["waiting", "building", "deploying"].includes(deployment.status);

/** A build that was taken off the hosts or never made it: deploying it again deserves a reason. */
export const needsReasonToRedeploy = (deployment: BuildDeployment) => deployment.status === "rolled-back" || deployment.status === "failed-to-deploy";

/** Where a build stands in words: "Live via Deploy #2178", "Rolled back in Rollback #12", or the engine's blocker. */
export function DeploymentNote({ deployment }: { deployment: BuildDeployment }) {
  const look = looks[deployment.status];
  const { release, blocker } = deployment;
  let words: React.ReactNode;
  switch (deployment.status) {
    case "live":
      words = release ? <>Live in <ReleaseLink release={release} /></> : "Live";
      break;
    case "live-via":
      words = <>Live via <ReleaseLink release={release!} /> (a newer build carried this commit)</>;
      break;
    case "deploying":
      words = <>On its way in <ReleaseLink release={release!} /></>;
      break;
    case "rolled-back":
      words = <>Rolled back in <ReleaseLink release={release!} /></>;
      break;
    case "failed-to-deploy":
      words = <>Failed to deploy in <ReleaseLink release={release!} /></>;
      break;
    case "shipped":
      words = <>Was live in <ReleaseLink release={release!} />, since replaced</>;
      break;
    case "waiting":
      words = blocker?.message ?? "Deploys on the next tick";
      break;
    case "skipped":
      words = "Skipped: a newer passed build deploys instead";
      break;
    case "building":
      words = "Waiting for CI to finish";
      break;
    case "ci-failed":
      words = "CI did not pass: this build does not deploy";
      break;
    case "other-branch":
      words = "Not the pipeline's branch: it does not deploy here";
      break;
    case "none":
      words = "Not deployed (a newer build was already live)";
      break;
  }
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2 gap-y-1" data-testid="deployment-note" data-status={deployment.status}>
      <Badge tone={look.tone} glyph={look.glyph}>
        {look.word}
      </Badge>
      <span className="text-sm">{words}</span>
    </span>
  );
}
