/** SPEC "Events and notifications": every change an engineer may care about. */
export const EVENT_TYPES = [
  "release.started",
  "release.succeeded",
  "release.failed",
  "release.canceled",
  "release.superseded",
  "rollback.started",
  "pipeline.locked",
  "pipeline.unlocked",
  "release.stuck",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
