-- AlterTable
ALTER TABLE "Event" ADD COLUMN "key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Event_key_key" ON "Event"("key");
