-- Step runs: every check and batch of a command or webhook target, executed by a worker job (SPEC "Targets").
CREATE TYPE "StepRunState" AS ENUM ('pending', 'running', 'waiting', 'succeeded', 'failed', 'canceled');

CREATE TABLE "StepRun" (
    "id" SERIAL NOT NULL,
    "stepId" INTEGER NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "state" "StepRunState" NOT NULL DEFAULT 'pending',
    "exitCode" INTEGER,
    "httpStatus" INTEGER,
    "output" TEXT NOT NULL DEFAULT '',
    "note" TEXT,
    "stopReason" TEXT,
    "workerId" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "StepRun_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "StepRun_stepId_attempt_key" ON "StepRun"("stepId", "attempt");
CREATE INDEX "StepRun_releaseId_idx" ON "StepRun"("releaseId");
CREATE INDEX "StepRun_state_leaseUntil_idx" ON "StepRun"("state", "leaseUntil");

ALTER TABLE "StepRun" ADD CONSTRAINT "StepRun_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "ReleaseStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Accepted step callback signatures, so a replayed callback is refused (SPEC "Targets > webhook").
CREATE TABLE "StepCallback" (
    "signature" TEXT NOT NULL,
    "stepId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StepCallback_pkey" PRIMARY KEY ("signature")
);

CREATE INDEX "StepCallback_at_idx" ON "StepCallback"("at");
