-- SPEC "Events and notifications": the engine's outbox, the notifications of a pipeline and their delivery log.
CREATE TYPE "NotificationKind" AS ENUM ('webhook', 'slack');
CREATE TYPE "DeliveryStatus" AS ENUM ('delivered', 'failed', 'abandoned');

CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "pipelineId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releaseId" INTEGER,
    "actor" TEXT,
    "reason" TEXT,
    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Event_pipelineId_id_idx" ON "Event"("pipelineId", "id");
ALTER TABLE "Event" ADD CONSTRAINT "Event_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "pipelineId" INTEGER NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Notification_pipelineId_idx" ON "Notification"("pipelineId");
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "NotificationDelivery" (
    "id" SERIAL NOT NULL,
    "notificationId" INTEGER NOT NULL,
    "eventId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "DeliveryStatus" NOT NULL,
    "httpStatus" INTEGER,
    "attempt" INTEGER NOT NULL,
    "error" TEXT,
    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "NotificationDelivery_notificationId_id_idx" ON "NotificationDelivery"("notificationId", "id");
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
