import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { getPipeline } from "../views/pipelines";
import { createPipeline, createPipelineInput } from "./create";
import { updatePipeline } from "./update";

afterAll(disconnect);

const admin = { actor: "ada", role: "admin" as const };
const commandTarget = { kind: "command", hosts: ["h1", "h2"], checks: [{ name: "Tests", run: "TOKEN=s3cret make test" }], batch: { run: "./deploy --token s3cret" } };

async function pipeline(slug: string) {
  return createPipeline(createPipelineInput.parse({ slug, name: "Web", repository: "acme/web", batchPercent: 25, target: commandTarget }), admin);
}

describe("PATCH /api/pipelines/:slug", () => {
  it("changes only the fields given, keeping the others (no creation defaults), and audits what changed", async () => {
    const created = await pipeline("patch-some");
    await updatePipeline("patch-some", { name: "Web shop", autoRollback: true }, admin);
    const after = await db.pipeline.findUniqueOrThrow({ where: { id: created.id } });
    expect(after).toMatchObject({ name: "Web shop", autoRollback: true, batchPercent: 25, branch: "main", autoDeploy: true });
    const event = await db.auditEvent.findFirstOrThrow({ where: { pipelineId: created.id, action: "pipeline.update" } });
    expect(event).toMatchObject({ actor: "ada", outcome: "changed name, autoRollback" });
    expect(event.detail).toEqual({ changed: ["name", "autoRollback"], name: { from: "Web", to: "Web shop" }, autoRollback: { from: false, to: true } });
  });

  it("replaces the target whole, syncs its hosts, and rotates the secret without ever writing it to the audit", async () => {
    const created = await pipeline("patch-target");
    const target = { ...commandTarget, hosts: ["h2", "h3"], stepTimeoutSeconds: 120 };
    await updatePipeline("patch-target", { target, webhookSecret: "a-new-secret-of-32-characters!!" }, admin);
    const after = await db.pipeline.findUniqueOrThrow({ where: { id: created.id }, include: { hosts: { orderBy: { name: "asc" } } } });
    expect(after.hosts.map((host) => host.name)).toEqual(["h2", "h3"]);
    expect(after.webhookSecret).toBe("a-new-secret-of-32-characters!!");
    expect((after.target as { stepTimeoutSeconds: number }).stepTimeoutSeconds).toBe(120);
    const event = await db.auditEvent.findFirstOrThrow({ where: { pipelineId: created.id, action: "pipeline.update" } });
    expect(event.detail).toEqual({ changed: ["webhookSecret", "target"], targetKind: "command" });
    expect(JSON.stringify(event)).not.toContain("new-secret");
  });

  it("refuses bad input with a 400 naming the field, a slug change, and an empty change; writes nothing", async () => {
    await pipeline("patch-bad");
    await expect(updatePipeline("patch-bad", { batchPercent: 0 }, admin)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["batchPercent"] })] });
    await expect(updatePipeline("patch-bad", { slug: "other" }, admin)).rejects.toThrow();
    await expect(updatePipeline("patch-bad", {}, admin)).rejects.toMatchObject({ status: 400 });
    await expect(updatePipeline("patch-bad", { target: { kind: "webhook", url: "http://169.254.169.254/latest" } }, admin)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["target", "url"] })],
    });
    await expect(updatePipeline("no-such-pipeline", { name: "x" }, admin)).rejects.toMatchObject({ status: 404 });
    expect(await db.auditEvent.count({ where: { pipeline: { slug: "patch-bad" }, action: "pipeline.update" } })).toBe(0);
  });

  it("shows viewers the target without command lines or URL credentials; admins see it whole", async () => {
    await pipeline("patch-views");
    const forViewer = (await getPipeline("patch-views")).target;
    expect(JSON.stringify(forViewer)).not.toContain("s3cret");
    expect(forViewer).toMatchObject({ kind: "command", checks: [{ name: "Tests" }], batch: {} });
    expect(JSON.stringify((await getPipeline("patch-views", { reveal: true })).target)).toContain("s3cret");
    await updatePipeline("patch-views", { target: { kind: "webhook", url: "https://deploy:pw@deploy.example.com/hook?key=k1" } }, admin);
    expect((await getPipeline("patch-views")).target).toMatchObject({ url: "https://deploy.example.com/hook" });
  });

  it("a target sent back unchanged in another key order is no change; windows and upstream are audited with their values", async () => {
    const created = await pipeline("patch-same");
    await pipeline("patch-same-up");
    const stored = (await db.pipeline.findUniqueOrThrow({ where: { id: created.id } })).target as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(stored).reverse());
    await updatePipeline("patch-same", { target: reordered }, admin);
    expect(await db.auditEvent.count({ where: { pipelineId: created.id, action: "pipeline.update" } })).toBe(0);

    const windows = [{ days: ["mon", "tue"], from: "09:00", to: "17:00", timeZone: "Europe/Dublin" }];
    await updatePipeline("patch-same", { target: reordered, windows, upstream: { slug: "patch-same-up", bakeMinutes: 30 } }, admin);
    const event = await db.auditEvent.findFirstOrThrow({ where: { pipelineId: created.id, action: "pipeline.update" } });
    expect(event.detail).toEqual({
      changed: ["windows", "upstream"],
      windows: { from: [], to: windows },
      upstream: { from: null, to: { slug: "patch-same-up", bakeMinutes: 30 } },
    });
  });
});
