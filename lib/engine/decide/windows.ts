// Deploy windows (SPEC "Guardrails"): when CD may deploy, in a pipeline's own
// time zone. Wall-clock times become instants through Luxon's IANA zone rules,
// so a window opens at 09:00 local on both sides of a daylight-saving change.
import { DateTime } from "luxon";
import type { Gate } from "./continuous";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Open on `days` from `from` to `to` (local "HH:MM", end exclusive). A `to`
 * before `from` crosses midnight into the next day; `to` equal to `from` is a
 * whole day. `days` name the day a window opens.
 */
export type DeployWindow = { days: Weekday[]; from: string; to: string; timeZone: string };

type Interval = { start: number; end: number };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The window's openings that start on local days from one day before `now` to eight after: enough to hold `now` and the next one. */
function openings(window: DeployWindow, now: Date): Interval[] {
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  const firstDay = DateTime.fromJSDate(now, { zone: window.timeZone }).startOf("day").minus({ days: 1 });
  const intervals: Interval[] = [];
  for (let offset = 0; offset <= 8; offset++) {
    const day = firstDay.plus({ days: offset });
    if (!window.days.includes(WEEKDAYS[day.weekday - 1]!)) continue;
    // Wall-clock arithmetic: a local time that a spring-forward skips moves on by the skipped hour (02:30 → 03:30),
    // an ambiguous one in the fall-back hour is its first occurrence.
    const start = day.set({ hour: Math.floor(from / 60), minute: from % 60 });
    const endDay = to > from ? day : day.plus({ days: 1 });
    const end = endDay.set({ hour: Math.floor(to / 60), minute: to % 60 });
    intervals.push({ start: start.toMillis(), end: end.toMillis() });
  }
  return intervals;
}

export type WindowState = { open: true } | { open: false; nextOpening: Date | null };

/** Whether CD may deploy at `now` under these windows (none: always), and if not, when it next may. */
export function windowState(windows: readonly DeployWindow[], now: Date): WindowState {
  if (windows.length === 0) return { open: true };
  const t = now.getTime();
  const all = windows.flatMap((window) => openings(window, now));
  if (all.some((interval) => interval.start <= t && t < interval.end)) return { open: true };
  const next = Math.min(...all.filter((interval) => interval.start > t).map((interval) => interval.start));
  return { open: false, nextOpening: Number.isFinite(next) ? new Date(next) : null };
}

/** "Mon–Fri 09:00–17:00 Europe/Dublin" */
export function describeWindow(window: DeployWindow): string {
  const days = WEEKDAYS.filter((day) => window.days.includes(day)).map((day) => day.charAt(0).toUpperCase() + day.slice(1));
  return `${days.join(", ")} ${window.from}–${window.to} ${window.timeZone}`;
}

/** Outside every window CD waits for the next opening. */
export const windowGate: Gate = ({ facts, label, now }) => {
  const state = windowState(facts.windows, now);
  if (state.open) return null;
  const windows = facts.windows.map(describeWindow).join("; ");
  const message = `Outside the deploy windows (${windows}): ${label} deploys when the next one opens`;
  return state.nextOpening === null ? { code: "outside-window", message } : { code: "outside-window", message, until: state.nextOpening };
};
