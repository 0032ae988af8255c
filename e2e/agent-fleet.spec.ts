import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, sendBuild, uniqueSlug } from "./api";
import { E2E_BASE_URL } from "./env";

const AGENTS = 200;

const names = Array.from({ length: AGENTS }, (_, i) => `fleet-${String(i).padStart(3, "0")}`);

/**
 * One `shipboard-agent` process per host, each switching by writing the
 * release id into its own file. A small shell starts them: forking a shell is
 * cheap, forking this test's large process 200 times is not. SIGTERM to the
 * shell passes SIGTERM to every agent and waits for them.
 */
function startFleet(slug: string, token: string, dir: string): ChildProcess {
  const agent = [
    process.execPath, "--max-old-space-size=24", "--max-semi-space-size=1", path.resolve("bin/shipboard-agent.mjs"),
    "--url", E2E_BASE_URL, "--token", token, "--pipeline", slug, "--host", '"$name"', "--wait", "20",
    "--switch", `"printf '%s' {release} > ${dir}/$name"`,
  ].join(" ");
  const script = `
    pids=""
    for name in ${names.join(" ")}; do
      ${agent} > "${dir}/$name.log" 2>&1 &
      pids="$pids $!"
    done
    trap 'kill -TERM $pids; wait; exit 0' TERM
    wait`;
  // The agents must not inherit the test runner's loader hooks (NODE_OPTIONS).
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return spawn("/bin/sh", ["-c", script], { stdio: "ignore", env });
}

const logOf = (dir: string, name: string) => fileOf(dir, `${name}.log`)?.trim().split("\n") ?? [];

const fileOf = (dir: string, name: string) => {
  try {
    return fs.readFileSync(path.join(dir, name), "utf8");
  } catch {
    return null;
  }
};

/** Waits until the pipeline's current release is live on every host's file, and answers it. */
async function liveEverywhere(request: APIRequestContext, slug: string, dir: string, isIt: (pipeline: { currentRelease: { id: number; kind: string; build: { id: number } } }) => boolean) {
  const pipeline = await eventually(async () => {
    const view = await getPipeline(request, slug);
    return view.activeRelease === null && view.currentRelease && isIt(view) ? view : null;
  }, 60_000);
  const release = String(pipeline.currentRelease.id);
  await eventually(async () => names.every((name) => fileOf(dir, name) === release), 15_000);
  return pipeline.currentRelease;
}

test("200 shipboard-agent processes roll out, roll back and roll out again; every host's file ends on the right release", async ({ request }) => {
  test.setTimeout(300_000); // ~60 s on an idle 2-core machine; generous for a loaded one
  const slug = uniqueSlug("fleet");
  await createPipeline(request, slug, { target: { kind: "agents", stepTimeoutSeconds: 60 }, batchPercent: 50, autoDeploy: true });
  const created = await request.post("/api/tokens", { headers: admin, data: { name: `fleet-${slug}`, role: "agent", pipeline: slug } });
  const { token } = await created.json();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipboard-fleet-"));
  const fleet = startFleet(slug, token, dir);
  try {
    await test.step("every agent registers", async () => {
      try {
        await eventually(async () => (await getPipeline(request, slug)).hostSummary.total === AGENTS, 120_000);
      } catch (error) {
        const total = (await getPipeline(request, slug)).hostSummary.total;
        throw new Error(`${total} of ${AGENTS} agents registered; ${names[0]} said: ${logOf(dir, names[0]!).join(" | ")}`, { cause: error });
      }
    });

    const first = await sendBuild(request, slug);
    const deployed = await test.step("roll out", () => liveEverywhere(request, slug, dir, (p) => p.currentRelease.build.id === first));
    const second = await sendBuild(request, slug);
    await test.step("roll out a newer build", () => liveEverywhere(request, slug, dir, (p) => p.currentRelease.build.id === second));

    const rollback = await request.post(`/api/pipelines/${slug}/rollback`, { headers: admin, data: { reason: "fleet test" } });
    expect(rollback.status(), await rollback.text()).toBe(201);
    const rolledBack = await test.step("roll back", () => liveEverywhere(request, slug, dir, (p) => p.currentRelease.kind === "rollback"));
    expect(rolledBack.build.id).toBe(deployed.build.id);

    expect((await request.post(`/api/pipelines/${slug}/unlock`, { headers: admin, data: {} })).status()).toBe(200);
    const third = await sendBuild(request, slug);
    const final = await test.step("roll out again", () => liveEverywhere(request, slug, dir, (p) => p.currentRelease.build.id === third));

    const view = await getPipeline(request, slug);
    expect(view.hostSummary).toMatchObject({ total: AGENTS, healthy: AGENTS, unreachable: 0, byRelease: [{ releaseId: final.id, count: AGENTS }] });
    // One log line per switch: four releases reached every host.
    for (const name of names) expect(logOf(dir, name).filter((line) => line.includes("switched to")), name).toHaveLength(4);

    await new Promise((resolve) => {
      fleet.once("exit", resolve);
      fleet.kill("SIGTERM");
    });
    // Every agent ended cleanly on SIGTERM, its last word "stopped".
    expect(names.filter((name) => logOf(dir, name).at(-1)?.endsWith(": stopped") !== true)).toEqual([]);
  } finally {
    if (fleet.exitCode === null) fleet.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
