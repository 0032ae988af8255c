import { createHmac, randomBytes } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN_TOKEN, E2E_WEBHOOK_SECRET } from "./env";

/** Helpers for driving the running server over real HTTP in e2e tests. */
export const admin = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

export const uniqueSlug = (prefix: string) => `${prefix}-${randomBytes(3).toString("hex")}`;
export const sha = () => randomBytes(20).toString("hex");

export async function createPipeline(request: APIRequestContext, slug: string, overrides: Record<string, unknown> = {}) {
  const response = await request.post("/api/pipelines", {
    headers: admin,
    data: {
      slug,
      name: slug,
      repository: `e2e/${slug}`,
      target: { kind: "simulated", hosts: 8, restartSeconds: 0, stepTimeoutSeconds: 30 },
      ...overrides,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

let buildCounter = 0;

/** A signed generic-webhook build event; answers the build's id on the pipeline. */
export async function sendBuild(
  request: APIRequestContext,
  slug: string,
  fields: { state?: string; message?: string; author?: string; branch?: string; externalId?: string; repository?: string; commitSha?: string } = {},
): Promise<number> {
  buildCounter += 1;
  const body = JSON.stringify({
    externalId: fields.externalId ?? `e2e-${Date.now()}-${buildCounter}`,
    number: buildCounter,
    commitSha: fields.commitSha ?? sha(),
    branch: fields.branch ?? "main",
    state: fields.state ?? "passed",
    message: fields.message ?? `Change ${buildCounter}`,
    author: fields.author ?? "E2E Tester",
    createdAt: new Date(Date.now() + buildCounter).toISOString(),
    // createPipeline's default; ?pipeline= counts only when the repository is the pipeline's.
    repository: fields.repository ?? `e2e/${slug}`,
  });
  const signature = createHmac("sha256", E2E_WEBHOOK_SECRET).update(body).digest("hex");
  const response = await request.post(`/api/webhooks/generic?pipeline=${slug}`, {
    headers: { "Content-Type": "application/json", "X-Shipboard-Signature": `sha256=${signature}` },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).builds[0].buildId;
}

export async function getPipeline(request: APIRequestContext, slug: string) {
  const response = await request.get(`/api/pipelines/${slug}`, { headers: admin });
  expect(response.status()).toBe(200);
  return response.json();
}

/** Polls until `check` returns a truthy value (the worker ticks every 200 ms in e2e). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const liveBuildId = async (request: APIRequestContext, slug: string) => {
  const pipeline = await getPipeline(request, slug);
  return pipeline.activeRelease === null ? (pipeline.currentRelease?.build.id ?? null) : null;
};
