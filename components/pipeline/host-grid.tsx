import type { HostSummary, HostView } from "@/lib/views/hosts";
import { plural } from "../format";
import { Section } from "../ui/section";
import { RelativeTime } from "../ui/time";
import { fleetCells, fleetGroups, problemHosts, type FleetGroup } from "./host-look";

type ReleaseRef = { id: number; number: number; replacedReleaseId: number | null } | null;

// Each group has a letter as well as a colour.
const looks: Record<FleetGroup, { letter: string; cell: string }> = {
  this: { letter: "T", cell: "bg-sky-700 text-white" },
  previous: { letter: "P", cell: "bg-zinc-300 text-zinc-900 dark:bg-zinc-600 dark:text-white" },
  other: { letter: "O", cell: "bg-amber-600 text-white" },
};

function Cell({ group, title }: { group: FleetGroup; title?: string }) {
  return (
    <span title={title} className={`flex size-4 items-center justify-center rounded-[3px] text-[9px] font-bold leading-none ${looks[group].cell}`}>
      {looks[group].letter}
    </span>
  );
}

const stateWord: Record<HostView["state"], string> = { unreachable: "unreachable", unhealthy: "unhealthy", switching: "switching", healthy: "healthy" };

/**
 * The fleet grouped by what it runs (this release, the previous one, other),
 * as at most 200 aggregate cells, then the hosts that need a look
 * (unreachable and unhealthy first, with when they were last seen, and drift).
 */
export function HostGrid({ summary, hosts, activeRelease, currentRelease }: {
  summary: HostSummary | undefined;
  hosts: HostView[];
  activeRelease: ReleaseRef;
  currentRelease: ReleaseRef;
}) {
  const total = summary?.total ?? 0;
  const shown = activeRelease ?? currentRelease;
  const previousNumber = activeRelease ? currentRelease?.number : null;
  const words: Record<FleetGroup, string> = {
    this: shown ? `#${shown.number}${activeRelease ? ", rolling out" : ", current"}` : "this release",
    previous: previousNumber ? `#${previousNumber}, previous` : "the previous release",
    other: "another release or none",
  };
  const groups = summary ? fleetGroups(summary, activeRelease, currentRelease) : [];
  const { perCell, cells } = fleetCells(groups);
  const legend = groups.filter((g) => g.count > 0).map((g) => ({ group: g.group, text: `${g.count} on ${words[g.group]}` }));
  const states = summary
    ? (["unreachable", "unhealthy", "switching"] as const).filter((s) => summary[s] > 0).map((s) => `${summary[s]} ${stateWord[s]}`)
    : [];
  if (summary && summary.drift > 0) states.push(`${summary.drift} drifting`);
  const label = [plural(total, "host"), ...legend.map((l) => l.text), ...states].join(", ");
  const problems = problemHosts(hosts);

  return (
    <Section title={`Hosts (${total})`} id="hosts" testId="host-grid">
      {total === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No hosts have reported yet.</p>
      ) : (
        <>
          <div role="img" aria-label={label} data-testid="host-cells" data-per-cell={perCell} className="flex flex-wrap gap-0.5">
            {cells.map((cell, i) => (
              <Cell key={i} group={cell.group} title={`${plural(cell.count, "host")} on ${words[cell.group]}`} />
            ))}
          </div>
          <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-hidden>
            {perCell > 1 ? <li>each cell: up to {perCell} hosts</li> : null}
            {legend.map(({ group, text }) => (
              <li key={group} className="flex items-center gap-1.5">
                <Cell group={group} />
                {text}
              </li>
            ))}
            {states.map((text) => (
              <li key={text} className="font-medium text-red-700 dark:text-red-300">
                {text}
              </li>
            ))}
          </ul>
          {problems.length > 0 ? (
            <table className="mt-3 w-full text-left text-xs" data-testid="host-problems">
              <caption className="sr-only">Hosts that need a look</caption>
              <thead className="text-zinc-600 dark:text-zinc-400">
                <tr>
                  <th className="py-1 pr-3 font-medium">Host</th>
                  <th className="py-1 pr-3 font-medium">State</th>
                  <th className="py-1 pr-3 font-medium">Runs</th>
                  <th className="py-1 font-medium">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((host) => (
                  <tr key={host.name} data-testid="host-problem" data-state={host.state} className="border-t border-zinc-200 dark:border-zinc-700">
                    <td className="py-1 pr-3 font-mono">{host.name}</td>
                    <td className="py-1 pr-3">
                      {stateWord[host.state]}
                      {host.drift ? " · drift" : ""}
                    </td>
                    <td className="py-1 pr-3 tabular-nums">{host.releaseId === null ? "nothing yet" : `release ${host.releaseId}`}</td>
                    <td className="py-1">{host.lastSeenAt ? <RelativeTime at={host.lastSeenAt} /> : "never"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </Section>
  );
}
