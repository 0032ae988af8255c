import type { PipelineView } from "@/lib/views/shapes";
import { plural } from "../format";
import { Section } from "../ui/section";
import { hostLook, hostTally, type HostLook, type HostRole } from "./host-look";

type Host = NonNullable<PipelineView["hosts"]>[number];

// Each role has a letter as well as a colour; switching hosts are striped, unhealthy ones show "!".
const roles: Record<HostRole, { letter: string; cell: string; word: string }> = {
  new: { letter: "N", cell: "bg-sky-700 text-white", word: "rolling out" },
  current: { letter: "C", cell: "bg-emerald-700 text-white", word: "current" },
  other: { letter: "O", cell: "bg-zinc-300 text-zinc-900 dark:bg-zinc-600 dark:text-white", word: "older" },
  none: { letter: "·", cell: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300", word: "no release" },
};
const unhealthyCell = "bg-red-700 text-white";
const stripes = "bg-[repeating-linear-gradient(135deg,transparent_0_3px,rgb(255_255_255/0.45)_3px_5px)]";

function Cell({ look, className = "", title }: { look: HostLook; className?: string; title?: string }) {
  const role = roles[look.role];
  return (
    <span
      title={title}
      className={`relative flex size-4 items-center justify-center rounded-[3px] text-[9px] font-bold leading-none ${look.unhealthy ? unhealthyCell : role.cell} ${className}`}
    >
      {look.switching ? <span className={`absolute inset-0 rounded-[3px] ${stripes}`} /> : null}
      <span className="relative">{look.unhealthy ? "!" : role.letter}</span>
    </span>
  );
}

/** Every host of the pipeline as one small cell, coloured and lettered by the release it runs. */
export function HostGrid({ hosts, activeRelease, currentRelease }: {
  hosts: Host[];
  activeRelease: { id: number; number: number } | null;
  currentRelease: { id: number; number: number } | null;
}) {
  const looks = hosts.map((h) => hostLook(h, activeRelease?.id ?? null, currentRelease?.id ?? null));
  const tally = hostTally(looks);
  const releaseOf: Record<HostRole, string> = {
    new: activeRelease ? `#${activeRelease.number}, rolling out` : "rolling out",
    current: currentRelease ? `#${currentRelease.number}, current` : "current",
    other: "an older release",
    none: "no release yet",
  };
  const plain = (role: HostRole): HostLook => ({ role, switching: false, unhealthy: false });
  const legend: { key: string; look: HostLook; text: string }[] = [
    ...(["new", "current", "other", "none"] as const)
      .filter((role) => tally[role] > 0)
      .map((role) => ({ key: role, look: plain(role), text: `${tally[role]} on ${releaseOf[role]}` })),
    ...(tally.switching ? [{ key: "switching", look: { ...plain("current"), switching: true }, text: `${tally.switching} switching` }] : []),
    ...(tally.unhealthy ? [{ key: "unhealthy", look: { ...plain("new"), unhealthy: true }, text: `${tally.unhealthy} unhealthy` }] : []),
  ];
  const summary = [plural(hosts.length, "host"), ...legend.map((l) => l.text)].join(", ");

  return (
    <Section title={`Hosts (${hosts.length})`} id="hosts" testId="host-grid">
      {hosts.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No hosts have reported yet.</p>
      ) : (
        <>
          <div role="img" aria-label={summary} className="flex flex-wrap gap-0.5">
            {hosts.map((host, i) => {
              const look = looks[i]!;
              const title = `${host.name}: ${releaseOf[look.role]}${look.switching ? ", switching" : ""}, ${look.unhealthy ? "unhealthy" : "healthy"}`;
              return <Cell key={host.name} look={look} title={title} />;
            })}
          </div>
          <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-hidden>
            {legend.map(({ key, look, text }) => (
              <li key={key} className="flex items-center gap-1.5">
                <Cell look={look} />
                {text}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
