import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect, pool } from "./index";
import { migrate, readMigrations } from "./migrate";

afterAll(disconnect);

describe("schema and migrations", () => {
  it("records every migration in _prisma_migrations with its checksum, and re-running applies nothing", async () => {
    const { rows } = await pool().query(`SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows).toEqual(readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    expect(await migrate(process.env.DATABASE_URL!)).toEqual([]);
  });

  it("reads and writes every model through the Prisma client on the migrated database", async () => {
    const user = await db.user.create({
      data: { email: "schema@example.com", role: "admin", passwordHash: "x", disabledAt: new Date(), sessionVersion: 2, inviteTokenHash: "i", inviteExpiresAt: new Date() },
    });
    await db.account.create({ data: { userId: user.id, type: "oauth", provider: "github", providerAccountId: "1" } });
    await db.session.create({ data: { userId: user.id, sessionToken: "s1", expires: new Date() } });
    await db.verificationToken.create({ data: { identifier: "a", token: "t", expires: new Date() } });
    await db.apiToken.create({ data: { name: "ci", role: "deployer", tokenHash: "h", createdById: user.id, expiresAt: new Date() } });
    await db.instanceSecret.create({ data: { name: "schema-test", value: "v" } });
    await db.rateLimit.create({ data: { key: "schema-test", points: 1, expire: BigInt(Date.now()) } });
    expect(await db.rateLimit.findUnique({ where: { key: "schema-test" } })).toMatchObject({ points: 1 });
    const pipeline = await db.pipeline.create({
      data: {
        slug: "schema-test", name: "Schema", repository: "acme/schema", target: { kind: "simulated", hosts: 2 }, webhookSecret: "s", ciWorkflows: ["tests"],
        windows: [{ days: ["mon"], from: "09:00", to: "17:00", timeZone: "Europe/Dublin" }], upstream: { slug: "staging", bakeMinutes: 30 },
      },
    });
    await db.apiToken.create({ data: { name: "agents", role: "agent", tokenHash: "h-agent", pipelineId: pipeline.id } });
    const build = await db.build.create({
      data: {
        pipelineId: pipeline.id, provider: "generic", externalId: "b1", number: 1, commitSha: "abc", branch: "main",
        state: "passed", createdAt: new Date(), committedAt: new Date(), workflow: "tests", attempt: 2,
        pullRequestNumber: 42, pullRequestUrl: "https://github.com/acme/web/pull/42",
      },
    });
    await db.webhookDelivery.create({ data: { provider: "github", deliveryId: "d-1" } });
    await expect(db.webhookDelivery.create({ data: { provider: "github", deliveryId: "d-1" } })).rejects.toThrow();
    await db.ciDelivery.create({ data: { pipelineId: pipeline.id, provider: "github", outcome: "recorded", status: 200, event: "workflow_run" } });
    const release = await db.release.create({
      data: { pipelineId: pipeline.id, number: 1, buildId: build.id, kind: "deploy", trigger: "auto", state: "succeeded", advancedAt: new Date() },
    });
    const step = await db.releaseStep.create({ data: { releaseId: release.id, position: 0, kind: "batch", name: "Batch 1", hosts: ["h1"] } });
    await db.stepRun.create({ data: { stepId: step.id, releaseId: release.id, state: "succeeded", exitCode: 0, output: "ok", note: "exit code 0", leaseUntil: new Date() } });
    await db.releaseStep.update({ where: { id: step.id }, data: { convergedAt: new Date(5_000) } });
    const check = await db.metricCheckRun.create({ data: { releaseId: release.id, name: "error rate", config: { threshold: 0.05 }, scheduledAt: new Date(1_000) } });
    await db.metricSample.create({ data: { checkId: check.id, dueAt: new Date(1_000), at: new Date(1_200), value: 0.5, outcome: "breach" } });
    await db.metricSample.create({ data: { checkId: check.id, dueAt: new Date(2_000), at: new Date(2_100), value: null, outcome: "inconclusive", note: "no data" } });
    await expect(db.metricSample.create({ data: { checkId: check.id, dueAt: new Date(1_000), at: new Date(), outcome: "ok" } })).rejects.toThrow();
    await expect(db.metricCheckRun.create({ data: { releaseId: release.id, name: "error rate", config: {} } })).rejects.toThrow();
    expect(await db.release.findUniqueOrThrow({ where: { id: release.id }, include: { metricChecks: { include: { samples: { orderBy: { dueAt: "asc" } } } } } }))
      .toMatchObject({ metricChecks: [{ name: "error rate", config: { threshold: 0.05 }, samples: [{ value: 0.5, outcome: "breach" }, { value: null, outcome: "inconclusive", note: "no data" }] }] });
    expect((await db.releaseStep.findUniqueOrThrow({ where: { id: step.id } })).convergedAt).toEqual(new Date(5_000));
    await db.host.create({ data: { pipelineId: pipeline.id, name: "h1", releaseId: release.id, desiredReleaseId: release.id } });
    await db.freeze.create({ data: { pipelineId: pipeline.id, from: new Date(0), to: new Date(1000), reason: "r", by: "ada" } });
    await expect(db.freeze.create({ data: { pipelineId: pipeline.id, from: new Date(1000), to: new Date(0), reason: "r", by: "ada" } })).rejects.toThrow();
    const stop = await db.emergencyStop.create({ data: { reason: "r", by: "ada", startedAt: new Date() } });
    await expect(db.emergencyStop.create({ data: { reason: "second", by: "bob", startedAt: new Date() } })).rejects.toThrow();
    await db.emergencyStop.update({ where: { id: stop.id }, data: { endedAt: new Date(), endedBy: "ada" } });
    await db.pipeline.update({ where: { id: pipeline.id }, data: { locked: true, lockKind: "emergency" } });
    await db.auditEvent.create({ data: { actor: "test", action: "deploy", pipelineId: pipeline.id, releaseId: release.id, outcome: "ok" } });
    await db.dailyStat.create({ data: { pipelineId: pipeline.id, day: new Date("2026-01-01"), deploys: 1, deployHist: [10, 1] } });
    await db.dailyStatAll.create({ data: { day: new Date("2001-01-01"), deploys: 1, deployHist: [10, 1] } });
    expect(await db.dailyStatAll.findUnique({ where: { day: new Date("2001-01-01") } })).toMatchObject({ deployHist: [10, 1] });
    await db.dailyStatAll.delete({ where: { day: new Date("2001-01-01") } });
    await db.pipeline.update({ where: { id: pipeline.id }, data: { currentReleaseId: release.id, locked: true, lockKind: "manual" } });
    const event = await db.event.create({ data: { pipelineId: pipeline.id, type: "release.succeeded", releaseId: release.id, actor: "a", reason: "r" } });
    const notification = await db.notification.create({ data: { pipelineId: pipeline.id, kind: "slack", url: "https://hooks.example.com/x", events: ["release.succeeded"], createdBy: "a", cursor: event.id } });
    await db.notificationDelivery.create({ data: { notificationId: notification.id, eventId: event.id, status: "failed", httpStatus: 503, attempt: 1, error: "answered 503" } });
    expect(await db.notification.findUniqueOrThrow({ where: { id: notification.id }, include: { deliveries: true } })).toMatchObject({ events: ["release.succeeded"], deliveries: [{ status: "failed", httpStatus: 503 }] });
    const once = { pipelineId: pipeline.id, type: "release.stuck", releaseId: release.id, key: `release.stuck:${release.id}:schema` };
    expect(await db.event.createMany({ data: [once, once], skipDuplicates: true })).toEqual({ count: 1 });
    expect(await db.event.findUniqueOrThrow({ where: { key: once.key } })).toMatchObject({ type: "release.stuck" });

    const loaded = await db.pipeline.findUniqueOrThrow({
      where: { slug: "schema-test" },
      include: { currentRelease: { include: { build: true, steps: true } }, hosts: true, auditEvents: true, dailyStats: true, agentTokens: true, freezes: true },
    });
    expect(loaded.currentRelease?.build).toMatchObject({ commitSha: "abc", workflow: "tests", attempt: 2, pullRequestNumber: 42 });
    expect(loaded.ciWorkflows).toEqual(["tests"]);
    expect(await db.ciDelivery.findMany({ where: { pipelineId: pipeline.id } })).toMatchObject([{ outcome: "recorded", status: 200 }]);
    expect(loaded.upstream).toEqual({ slug: "staging", bakeMinutes: 30 });
    expect(loaded.windows).toEqual([{ days: ["mon"], from: "09:00", to: "17:00", timeZone: "Europe/Dublin" }]);
    expect(loaded.currentRelease?.steps[0]?.hosts).toEqual(["h1"]);
    await db.stepCallback.create({ data: { signature: "sha256=ab", stepId: step.id } });
    expect(await db.stepCallback.count({ where: { stepId: step.id } })).toBe(1);
    expect(await db.stepRun.findMany({ where: { stepId: step.id }, select: { attempt: true, state: true, exitCode: true, output: true } }))
      .toEqual([{ attempt: 1, state: "succeeded", exitCode: 0, output: "ok" }]);
    expect(loaded.hosts).toHaveLength(1);
    expect(loaded.agentTokens).toMatchObject([{ name: "agents", role: "agent" }]);
    expect(loaded.freezes).toMatchObject([{ reason: "r", by: "ada" }]);
    expect(loaded.dailyStats[0]?.deployHist).toEqual([10, 1]);
    expect(await db.user.findUnique({ where: { id: user.id }, include: { accounts: true, sessions: true, apiTokens: true } }))
      .toMatchObject({ sessionVersion: 2, inviteTokenHash: "i", accounts: [{ provider: "github" }], sessions: [{ sessionToken: "s1" }], apiTokens: [{ name: "ci" }] });
  });

  it("lets the database itself refuse a second pending or running release on one pipeline", async () => {
    const pipeline = await db.pipeline.create({ data: { slug: "rule-6", name: "R6", repository: "acme/r6", target: { kind: "simulated" } } });
    const build = await db.build.create({
      data: { pipelineId: pipeline.id, provider: "generic", externalId: "b", commitSha: "a", branch: "main", state: "passed", createdAt: new Date() },
    });
    const base = { pipelineId: pipeline.id, buildId: build.id, kind: "deploy" as const, trigger: "auto" as const };
    await db.release.create({ data: { ...base, number: 1, state: "running" } });
    await expect(db.release.create({ data: { ...base, number: 2, state: "pending" } })).rejects.toThrow();
    await db.release.create({ data: { ...base, number: 3, state: "succeeded" } });
  });
});
