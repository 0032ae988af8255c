-- One-off deploy freezes per pipeline (SPEC "Guardrails").
CREATE TABLE "Freeze" (
    "id" SERIAL NOT NULL,
    "pipelineId" INTEGER NOT NULL,
    "from" TIMESTAMP(3) NOT NULL,
    "to" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Freeze_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Freeze_from_before_to" CHECK ("from" < "to")
);

CREATE INDEX "Freeze_pipelineId_to_idx" ON "Freeze"("pipelineId", "to");

ALTER TABLE "Freeze" ADD CONSTRAINT "Freeze_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;
