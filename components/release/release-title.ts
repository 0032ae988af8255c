import { releaseName } from "../format";
import { stateLook } from "../ui/tone";

/** A release's tab title: state first, then its name and pipeline ("◐ Rollback #2097 running · api"). */
export const releaseTitle = (release: { kind: "deploy" | "promote" | "rollback"; number: number; state: string; pipeline: string }) =>
  `${stateLook(release.state).glyph} ${releaseName(release)} ${release.state} · ${release.pipeline}`;
