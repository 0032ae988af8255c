import Link from "next/link";
import type { ReleaseSummaryView } from "@/lib/views/shapes";
import { buildName, formatDuration, releaseName } from "../format";
import { StateBadge } from "../ui/badge";
import { Section } from "../ui/section";
import { cell, linkStyle, phoneHidden, subtle, Table } from "../ui/table";
import { RelativeTime } from "../ui/time";

const head = [
  { label: "Release" },
  { label: "Result" },
  { label: "Build", hideOnPhone: true },
  { label: "Trigger", hideOnPhone: true },
  { label: "Who", hideOnPhone: true },
  { label: "Why", hideOnPhone: true },
  { label: "Duration", hideOnPhone: true },
  { label: "When" },
];

/** Release history, newest first: what ran, why, who asked and how it ended. */
export function ReleasesTable({ slug, releases }: { slug: string; releases: Omit<ReleaseSummaryView, "steps">[] }) {
  return (
    <Section title="Releases" id="releases" testId="releases">
      {releases.length === 0 ? (
        <p className={`text-sm ${subtle}`}>No releases yet.</p>
      ) : (
        <Table caption={`Releases of ${slug}, newest first`} head={head}>
          {releases.map((release) => (
            <tr key={release.id} data-testid="release-row" data-release-id={release.id}>
              <td className={`${cell} whitespace-nowrap`}>
                <Link href={`/releases/${release.id}`} className={`font-medium ${linkStyle}`}>
                  {releaseName(release)}
                </Link>
              </td>
              <td className={cell}>
                <StateBadge state={release.state} />
              </td>
              <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>
                <Link href={`/builds/${release.build.id}`} className={linkStyle}>
                  {buildName(release.build)}
                </Link>
              </td>
              <td className={`${cell} ${phoneHidden}`}>{release.trigger === "auto" ? "auto (CD)" : "user"}</td>
              <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>{release.by ?? "shipboard"}</td>
              <td className={`${cell} ${phoneHidden} max-w-[18rem] truncate`} title={release.reason ?? undefined}>
                {release.reason ?? <span className={subtle}>—</span>}
              </td>
              <td className={`${cell} ${phoneHidden} tabular-nums`}>{formatDuration(release.durationMs)}</td>
              <td className={`${cell} whitespace-nowrap`}>
                <RelativeTime at={release.finishedAt ?? release.startedAt ?? release.createdAt} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
