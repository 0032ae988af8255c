-- The pull (GitLab: merge) request a CI run built, where its payload named one.
ALTER TABLE "Build" ADD COLUMN "pullRequestNumber" INTEGER;
ALTER TABLE "Build" ADD COLUMN "pullRequestUrl" TEXT;
