-- Heartbeats rewrite a host's lastSeenAt every few seconds, and a rollback
-- points thousands of hosts at a release in one statement. With room left on
-- each page and no index over the columns these writes change, both are HOT
-- updates (no index entry written, no row moved to another page). Host_moving
-- indexed a predicate over releaseId and desiredReleaseId, so it made every
-- such write a full one; the simulated fleets it served read a pipeline's few
-- hundred hosts through the (pipelineId, name) index just as well.
DROP INDEX "Host_moving";
ALTER TABLE "Host" SET (fillfactor = 50);
