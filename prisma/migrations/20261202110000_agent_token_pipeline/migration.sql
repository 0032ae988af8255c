-- Agent tokens belong to one pipeline (SPEC "Agents"); deleting the pipeline deletes its agent tokens.
ALTER TABLE "ApiToken" ADD COLUMN "pipelineId" INTEGER;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;
