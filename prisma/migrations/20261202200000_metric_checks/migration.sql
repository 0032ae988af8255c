-- Metric checks (SPEC "Guardrails"): a batch converged at convergedAt is done once its checks' bake is over;
-- each check of a release samples a Prometheus-compatible query into MetricSample.
ALTER TABLE "ReleaseStep" ADD COLUMN "convergedAt" TIMESTAMP(3);

CREATE TYPE "MetricSampleOutcome" AS ENUM ('ok', 'breach', 'inconclusive');

CREATE TABLE "MetricCheckRun" (
    "id" SERIAL NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "scheduledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MetricCheckRun_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "MetricCheckRun_releaseId_name_key" ON "MetricCheckRun"("releaseId", "name");

ALTER TABLE "MetricCheckRun" ADD CONSTRAINT "MetricCheckRun_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "MetricSample" (
    "id" SERIAL NOT NULL,
    "checkId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION,
    "outcome" "MetricSampleOutcome" NOT NULL,
    "note" TEXT,

    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "MetricSample_checkId_dueAt_key" ON "MetricSample"("checkId", "dueAt");

ALTER TABLE "MetricSample" ADD CONSTRAINT "MetricSample_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "MetricCheckRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
