// The deploy engine: what route handlers and the worker call.
export { blockersFor } from "./blockers";
export type { Blocker, BlockerCode } from "./decide/continuous";
export { failRelease } from "./fail";
export { lockPipeline, unlockPipeline } from "./lock";
export { promoteBuild } from "./promote";
export { previewRollback, rollbackPipeline } from "./rollback";
export { parseTarget, targetSchema, type TargetConfig } from "./targets/schema";
export { tick, type TickSummary } from "./tick";
