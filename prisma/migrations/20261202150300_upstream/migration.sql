-- Environment chains (SPEC "Guardrails"): the pipeline whose live commits this one may deploy after a bake.
ALTER TABLE "Pipeline" ADD COLUMN "upstream" JSONB;

-- Where is this commit on the upstream pipeline: its builds by commit.
CREATE INDEX "Build_pipelineId_commitSha_idx" ON "Build"("pipelineId", "commitSha");
