-- Trust (SPEC "Trust", "Cluster"): disabled users, a session version that ends
-- every session when bumped, invites, token expiry, the shared session secret
-- and rate-limit counters that hold across nodes.
ALTER TABLE "User" ADD COLUMN "disabledAt" TIMESTAMP(3);
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "User" ADD COLUMN "inviteTokenHash" TEXT;
ALTER TABLE "User" ADD COLUMN "inviteExpiresAt" TIMESTAMP(3);
CREATE UNIQUE INDEX "User_inviteTokenHash_key" ON "User"("inviteTokenHash");

ALTER TABLE "ApiToken" ADD COLUMN "expiresAt" TIMESTAMP(3);

CREATE TABLE "InstanceSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InstanceSecret_pkey" PRIMARY KEY ("name")
);

-- rate-limiter-flexible's Postgres store layout (RateLimiterPostgres, tableCreated: true).
CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);
