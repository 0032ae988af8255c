-- CI ingest (issue 15) and webhook trust (issue 12 item 2).
-- Which CI workflows a pipeline records (empty: all).
ALTER TABLE "Pipeline" ADD COLUMN "ciWorkflows" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- A build's workflow name and GitHub run attempt (a re-run is a new attempt of the same build).
ALTER TABLE "Build" ADD COLUMN "workflow" TEXT;
ALTER TABLE "Build" ADD COLUMN "attempt" INTEGER NOT NULL DEFAULT 1;
-- Rule 1: every build of the newest passed build's commit must have passed.
CREATE INDEX "Build_pipelineId_commitSha_idx" ON "Build"("pipelineId", "commitSha");

-- Delivery ids seen (dedupe); pruned after 7 days.
CREATE TABLE "WebhookDelivery" (
    "provider" "BuildProvider" NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("provider","deliveryId")
);
CREATE INDEX "WebhookDelivery_receivedAt_idx" ON "WebhookDelivery"("receivedAt");

-- The last deliveries per pipeline ("Connect CI" panel).
CREATE TABLE "CiDelivery" (
    "id" SERIAL NOT NULL,
    "pipelineId" INTEGER NOT NULL,
    "provider" "BuildProvider" NOT NULL,
    "outcome" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "reason" TEXT,
    "event" TEXT,
    "deliveryId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CiDelivery_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CiDelivery_pipelineId_id_idx" ON "CiDelivery"("pipelineId", "id" DESC);
ALTER TABLE "CiDelivery" ADD CONSTRAINT "CiDelivery_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;
