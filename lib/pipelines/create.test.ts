import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { getPipeline, listPipelines } from "../views/pipelines";
import { checkUpstream, createPipeline, createPipelineInput } from "./create";
import { updatePipeline } from "./update";

afterAll(disconnect);

const admin = { actor: "ada", role: "admin" as const };
const base = { slug: "ci-create", name: "Web", repository: "Acme/Web", target: { kind: "simulated", hosts: 1, restartSeconds: 0, failPercent: 0 } };

describe("creating a pipeline with CI settings", () => {
  it("stores ciWorkflows and the webhook secret, and no answer ever carries the secret", async () => {
    const input = createPipelineInput.parse({ ...base, ciWorkflows: ["lint", "tests", "lint"], webhookSecret: "whsec-0123456789abcdef" });
    await createPipeline(input, admin);
    const stored = await db.pipeline.findUniqueOrThrow({ where: { slug: "ci-create" } });
    expect(stored).toMatchObject({ ciWorkflows: ["lint", "tests"], webhookSecret: "whsec-0123456789abcdef", repository: "acme/web" });

    const view = await getPipeline("ci-create");
    expect(view).toMatchObject({ ciWorkflows: ["lint", "tests"] });
    const answers = JSON.stringify([view, await listPipelines(), await db.auditEvent.findMany({ where: { pipelineId: stored.id } })]);
    expect(answers).not.toContain("whsec-0123456789abcdef");
    expect(answers).not.toContain("webhookSecret");
  });

  it("defaults to recording every workflow and to the server's secret", () => {
    expect(createPipelineInput.parse(base)).toMatchObject({ ciWorkflows: [] });
    expect(createPipelineInput.parse(base).webhookSecret).toBeUndefined();
  });

  it("refuses a short or spaced secret and an empty workflow name, naming the field", () => {
    for (const bad of [{ webhookSecret: "short" }, { webhookSecret: "has a space in it, long enough" }, { ciWorkflows: [" "] }]) {
      const result = createPipelineInput.safeParse({ ...base, ...bad });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path[0]).toBe(Object.keys(bad)[0]);
    }
  });
});

describe("creating a pipeline with guardrails", () => {
  const guarded = (slug: string, extra: Record<string, unknown>) => createPipelineInput.parse({ ...base, slug, ...extra });

  it("stores windows and an upstream, and answers them in the pipeline view", async () => {
    await createPipeline(guarded("guard-staging", {}), admin);
    const windows = [{ days: ["mon", "mon", "fri"], from: "22:00", to: "02:00", timeZone: "America/New_York" }];
    await createPipeline(guarded("guard-production", { windows, upstream: { slug: "guard-staging", bakeMinutes: 30 } }), admin);
    expect(await getPipeline("guard-production")).toMatchObject({
      windows: [{ days: ["mon", "fri"], from: "22:00", to: "02:00", timeZone: "America/New_York" }],
      upstream: { slug: "guard-staging", bakeMinutes: 30 },
    });
  });

  it("refuses an upstream that does not exist or is the pipeline itself, naming the field, and writes nothing", async () => {
    for (const upstream of [{ slug: "no-such-pipeline", bakeMinutes: 5 }, { slug: "guard-self", bakeMinutes: 5 }]) {
      await expect(createPipeline(guarded("guard-self", { upstream }), admin)).rejects.toMatchObject({ code: "bad_request", field: "upstream.slug" });
    }
    expect(await db.pipeline.count({ where: { slug: "guard-self" } })).toBe(0);
  });

  it("refuses an upstream whose own chain leads back (for PATCH), and accepts a chain that ends", async () => {
    await db.pipeline.update({ where: { slug: "guard-staging" }, data: { upstream: { slug: "guard-dev", bakeMinutes: 0 } } });
    await expect(checkUpstream(db, "guard-staging", { slug: "guard-production" })).rejects.toMatchObject({ field: "upstream.slug" });
    await expect(checkUpstream(db, "guard-other", { slug: "guard-production" })).resolves.toBeUndefined();
  });

  it("refuses bad windows and bake times at parse time", () => {
    expect(() => guarded("x", { windows: [{ days: ["mon"], from: "09:00", to: "17:00", timeZone: "Nowhere/Land" }] })).toThrow();
    expect(() => guarded("x", { upstream: { slug: "guard-staging", bakeMinutes: -1 } })).toThrow();
  });
});

describe("changing a pipeline's upstream (PATCH)", () => {
  it("sets and clears an upstream, and refuses one that would loop, naming the field", async () => {
    await createPipeline(createPipelineInput.parse({ ...base, slug: "patch-a" }), admin);
    await createPipeline(createPipelineInput.parse({ ...base, slug: "patch-b", upstream: { slug: "patch-a", bakeMinutes: 5 } }), admin);
    await expect(updatePipeline("patch-a", { upstream: { slug: "patch-b", bakeMinutes: 5 } }, admin)).rejects.toMatchObject({ field: "upstream.slug" });
    await updatePipeline("patch-b", { upstream: null }, admin);
    expect((await db.pipeline.findUniqueOrThrow({ where: { slug: "patch-b" } })).upstream).toBeNull();
    await updatePipeline("patch-a", { upstream: { slug: "patch-b", bakeMinutes: 5 } }, admin);
    expect((await getPipeline("patch-a")).upstream).toEqual({ slug: "patch-b", bakeMinutes: 5 });
  });
});
