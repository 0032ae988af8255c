// The deploy engine: what route handlers and the worker call.
export { advancePipelineNow } from "./advance";
export { blockersFor } from "./blockers";
export type { Blocker, BlockerCode } from "./decide/continuous";
export { emergencyStopState, liftEmergencyStop, startEmergencyStop, type EmergencyStopView } from "./emergency";
export { failRelease } from "./fail";
export { addFreeze, removeFreeze } from "./freezes";
export { upstreamSchema, windowsSchema } from "./guardrails";
export { lockPipeline, unlockPipeline } from "./lock";
export { metricCheckStandings } from "./metric-checks";
export { promoteBuild, promotePreview } from "./promote";
export { previewRollback, rollbackPipeline } from "./rollback";
export { parseTarget, targetSchema, type TargetConfig } from "./targets/schema";
export { recordStuckReleases, watchStuckReleases } from "./stuck";
export { tick, type TickSummary } from "./tick";
