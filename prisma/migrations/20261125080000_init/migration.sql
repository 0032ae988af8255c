-- CreateEnum
CREATE TYPE "BuildProvider" AS ENUM ('buildkite', 'github', 'gitlab', 'generic');

-- CreateEnum
CREATE TYPE "BuildState" AS ENUM ('scheduled', 'running', 'passed', 'failed', 'canceled');

-- CreateEnum
CREATE TYPE "ReleaseKind" AS ENUM ('deploy', 'promote', 'rollback');

-- CreateEnum
CREATE TYPE "ReleaseTrigger" AS ENUM ('auto', 'user');

-- CreateEnum
CREATE TYPE "ReleaseState" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'canceled', 'superseded');

-- CreateEnum
CREATE TYPE "StepKind" AS ENUM ('check', 'batch');

-- CreateEnum
CREATE TYPE "StepState" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'canceled', 'superseded', 'skipped');

-- CreateEnum
CREATE TYPE "LockKind" AS ENUM ('manual', 'rollback');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'deployer', 'admin', 'agent');

-- CreateTable
CREATE TABLE "Pipeline" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(64) NOT NULL,
    "name" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "branch" TEXT NOT NULL DEFAULT 'main',
    "environment" TEXT NOT NULL DEFAULT 'production',
    "autoDeploy" BOOLEAN NOT NULL DEFAULT true,
    "autoRollback" BOOLEAN NOT NULL DEFAULT false,
    "batchPercent" INTEGER NOT NULL DEFAULT 25,
    "target" JSONB NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "lockReason" TEXT,
    "lockKind" "LockKind",
    "lockedBy" TEXT,
    "lockedAt" TIMESTAMP(3),
    "currentReleaseId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pipeline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Build" (
    "id" SERIAL NOT NULL,
    "pipelineId" INTEGER NOT NULL,
    "provider" "BuildProvider" NOT NULL,
    "externalId" TEXT NOT NULL,
    "number" INTEGER,
    "commitSha" TEXT NOT NULL,
    "message" TEXT,
    "author" TEXT,
    "branch" TEXT NOT NULL,
    "url" TEXT,
    "state" "BuildState" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "committedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Build_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" SERIAL NOT NULL,
    "pipelineId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "buildId" INTEGER NOT NULL,
    "kind" "ReleaseKind" NOT NULL,
    "trigger" "ReleaseTrigger" NOT NULL,
    "by" TEXT,
    "reason" TEXT,
    "state" "ReleaseState" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "replacedReleaseId" INTEGER,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseStep" (
    "id" SERIAL NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "StepKind" NOT NULL,
    "name" TEXT NOT NULL,
    "state" "StepState" NOT NULL DEFAULT 'pending',
    "hosts" TEXT[],
    "log" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReleaseStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Host" (
    "id" SERIAL NOT NULL,
    "pipelineId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "releaseId" INTEGER,
    "desiredReleaseId" INTEGER,
    "desiredAt" TIMESTAMP(3),
    "healthy" BOOLEAN NOT NULL DEFAULT true,
    "lastSeenAt" TIMESTAMP(3),

    CONSTRAINT "Host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "pipelineId" INTEGER,
    "releaseId" INTEGER,
    "reason" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyStat" (
    "pipelineId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "deploys" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "rollbacks" INTEGER NOT NULL DEFAULT 0,
    "p75BuildMs" INTEGER,
    "p75DeployMs" INTEGER,
    "p75LeadTimeMs" INTEGER,
    "p75RollbackMs" INTEGER,
    "p75RestoreMs" INTEGER,
    "buildHist" JSON NOT NULL DEFAULT '[]',
    "deployHist" JSON NOT NULL DEFAULT '[]',
    "leadTimeHist" JSON NOT NULL DEFAULT '[]',
    "rollbackHist" JSON NOT NULL DEFAULT '[]',
    "restoreHist" JSON NOT NULL DEFAULT '[]',

    CONSTRAINT "DailyStat_pkey" PRIMARY KEY ("pipelineId","day")
);

-- CreateTable
CREATE TABLE "DailyStatAll" (
    "day" DATE NOT NULL,
    "deploys" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "rollbacks" INTEGER NOT NULL DEFAULT 0,
    "p75BuildMs" INTEGER,
    "p75DeployMs" INTEGER,
    "p75LeadTimeMs" INTEGER,
    "p75RollbackMs" INTEGER,
    "p75RestoreMs" INTEGER,
    "buildHist" JSON NOT NULL DEFAULT '[]',
    "deployHist" JSON NOT NULL DEFAULT '[]',
    "leadTimeHist" JSON NOT NULL DEFAULT '[]',
    "rollbackHist" JSON NOT NULL DEFAULT '[]',
    "restoreHist" JSON NOT NULL DEFAULT '[]',

    CONSTRAINT "DailyStatAll_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "UnmatchedDelivery" (
    "provider" "BuildProvider" NOT NULL,
    "repository" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastBranch" TEXT,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnmatchedDelivery_pkey" PRIMARY KEY ("provider","repository")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" TIMESTAMP(3),
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "passwordHash" TEXT,
    "failedSignins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Pipeline_slug_key" ON "Pipeline"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Pipeline_currentReleaseId_key" ON "Pipeline"("currentReleaseId");

-- CreateIndex
CREATE INDEX "Pipeline_repository_branch_idx" ON "Pipeline"("repository", "branch");

-- CreateIndex
CREATE INDEX "Build_pipelineId_createdAt_id_idx" ON "Build"("pipelineId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Build_pipelineId_branch_state_createdAt_idx" ON "Build"("pipelineId", "branch", "state", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Build_finishedAt_idx" ON "Build"("finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Build_pipelineId_provider_externalId_key" ON "Build"("pipelineId", "provider", "externalId");

-- CreateIndex
CREATE INDEX "Release_pipelineId_state_idx" ON "Release"("pipelineId", "state");

-- CreateIndex
CREATE INDEX "Release_pipelineId_kind_state_finishedAt_idx" ON "Release"("pipelineId", "kind", "state", "finishedAt");

-- CreateIndex
CREATE INDEX "Release_finishedAt_idx" ON "Release"("finishedAt");

-- CreateIndex
CREATE INDEX "Release_buildId_idx" ON "Release"("buildId");

-- CreateIndex
CREATE INDEX "Release_replacedReleaseId_idx" ON "Release"("replacedReleaseId");

-- CreateIndex
CREATE UNIQUE INDEX "Release_pipelineId_number_key" ON "Release"("pipelineId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseStep_releaseId_position_key" ON "ReleaseStep"("releaseId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Host_pipelineId_name_key" ON "Host"("pipelineId", "name");

-- CreateIndex
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_pipelineId_at_idx" ON "AuditEvent"("pipelineId", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- AddForeignKey
ALTER TABLE "Pipeline" ADD CONSTRAINT "Pipeline_currentReleaseId_fkey" FOREIGN KEY ("currentReleaseId") REFERENCES "Release"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Build" ADD CONSTRAINT "Build_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "Build"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_replacedReleaseId_fkey" FOREIGN KEY ("replacedReleaseId") REFERENCES "Release"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseStep" ADD CONSTRAINT "ReleaseStep_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_desiredReleaseId_fkey" FOREIGN KEY ("desiredReleaseId") REFERENCES "Release"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyStat" ADD CONSTRAINT "DailyStat_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- SPEC rule 6: at most one pending or running release per pipeline, whatever
-- the number of web and worker processes. Prisma cannot express partial indexes.
CREATE UNIQUE INDEX "Release_one_active_per_pipeline" ON "Release"("pipelineId") WHERE "state" IN ('pending', 'running');

-- A build's state only moves forward: scheduled < running < finished (passed,
-- failed, canceled). Used by the webhook upsert so concurrent and late events
-- never move a build back.
CREATE FUNCTION build_rank(state "BuildState") RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE state WHEN 'scheduled' THEN 0 WHEN 'running' THEN 1 ELSE 2 END $$;

-- The tick's simulator looks for hosts still switching releases; keep that a small index scan.
CREATE INDEX "Host_moving" ON "Host"("pipelineId") WHERE "releaseId" IS DISTINCT FROM "desiredReleaseId";
