-- The emergency stop (SPEC "Guardrails"): its locks have their own kind, so lifting it lifts only them.
ALTER TYPE "LockKind" ADD VALUE 'emergency';

CREATE TABLE "EmergencyStop" (
    "id" SERIAL NOT NULL,
    "reason" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endedBy" TEXT,

    CONSTRAINT "EmergencyStop_pkey" PRIMARY KEY ("id")
);

-- At most one emergency stop is on, whichever node is asked.
CREATE UNIQUE INDEX "EmergencyStop_one_on" ON "EmergencyStop" ((true)) WHERE "endedAt" IS NULL;
