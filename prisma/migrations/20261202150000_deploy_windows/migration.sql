-- Deploy windows: when CD may deploy (SPEC "Guardrails"); empty means always.
ALTER TABLE "Pipeline" ADD COLUMN "windows" JSONB NOT NULL DEFAULT '[]';
