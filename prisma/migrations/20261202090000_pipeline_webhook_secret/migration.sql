-- A pipeline's own webhook signing secret (SPEC "Targets > webhook", "Trust"); null falls back to SHIPBOARD_WEBHOOK_SECRET.
ALTER TABLE "Pipeline" ADD COLUMN "webhookSecret" TEXT;
