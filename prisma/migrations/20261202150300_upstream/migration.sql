-- Environment chains (SPEC "Guardrails"): the pipeline whose live commits this one may deploy after a bake.
-- (Where a commit is upstream is found through Build(pipelineId, commitSha), from 20261202130000_ci_builds.)
ALTER TABLE "Pipeline" ADD COLUMN "upstream" JSONB;
