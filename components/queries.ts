import type { ReleaseView } from "@/lib/views/shapes";

/** react-query keys, one place, so a mutation can invalidate what it changed. */
export const queryKeys = {
  pipelines: ["pipelines"] as const,
  pipeline: (slug: string) => ["pipeline", slug] as const,
  builds: (slug: string) => ["pipeline", slug, "builds"] as const,
  releases: (slug: string) => ["pipeline", slug, "releases"] as const,
  release: (id: number) => ["release", id] as const,
  stepHosts: (releaseId: number, stepId: number) => ["release", releaseId, "step", stepId, "hosts"] as const,
  freezes: (slug: string) => ["pipeline", slug, "freezes"] as const,
  notifications: (slug: string) => ["pipeline", slug, "notifications"] as const,
  deliveries: (notificationId: number) => ["notification", notificationId, "deliveries"] as const,
  metrics: (pipeline: string | null, from: string, to: string) => ["metrics", pipeline, from, to] as const,
  audit: (filters: Record<string, string | undefined>) => ["audit", filters] as const,
};

/** How often to ask again: every second while something moves, calmly otherwise (paused in hidden tabs by react-query). */
export const FAST_POLL_MS = 1_000;
export const SLOW_POLL_MS = 12_000;
export const pollEvery = (moving: boolean) => (moving ? FAST_POLL_MS : SLOW_POLL_MS);

export const isActive = (state: ReleaseView["state"]) => state === "pending" || state === "running";

/** Rows per page of builds, releases and audit events. */
export const PAGE_SIZE = 25;

/** A list endpoint's answer (SPEC: `{items, nextCursor}`). */
export type Page<T> = { items: T[]; nextCursor: string | null };
