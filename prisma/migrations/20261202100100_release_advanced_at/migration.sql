-- When a tick last looked at an active release: the engine calls a release no worker advanced for 60 s stuck (SPEC "Targets").
ALTER TABLE "Release" ADD COLUMN "advancedAt" TIMESTAMP(3);
