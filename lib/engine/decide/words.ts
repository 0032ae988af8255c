// How the engine names things to people, in messages, logs and lock reasons.
import type { BuildRef } from "./facts";

export function buildLabel(build: BuildRef): string {
  return build.number === null ? `build ${build.commitSha.slice(0, 7)}` : `build #${build.number}`;
}

/** "just now", "45 s ago", "12 min ago", "3 h ago", "2 days ago". */
export function ago(then: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 1000));
  if (seconds < 10) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  return days === 1 ? "1 day ago" : `${days} days ago`;
}

/** "12:03:01" (UTC). */
export function clockTime(at: Date): string {
  return at.toISOString().slice(11, 19);
}

/** One line of a step's log: "12:03:01 text" (UTC). */
export function logLine(now: Date, text: string): string {
  return `${clockTime(now)} ${text}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
