import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnect } from "../db";
import { DesiredReleases } from "./desired";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const desired = new DesiredReleases(pool);

afterAll(async () => {
  await desired.close();
  await pool.end();
  await disconnect();
});

/** Holds back the answer of the next read of a pipeline's hosts until `release()`: an older read that lands last. */
function holdNextHostsRead() {
  const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  let read = () => {};
  let release = () => {};
  const hasRead = new Promise<void>((resolve) => (read = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let armed = true;
  (pool as unknown as { query: typeof query }).query = async (text, values) => {
    const result = await query(text, values);
    if (armed && text.includes(`FROM "Host" WHERE "pipelineId"`)) {
      armed = false;
      read();
      await released;
    }
    return result;
  };
  return { hasRead, release };
}

describe("desired releases cache", () => {
  it("applies reloads in order: an older read answered last never puts hosts back on a release they were moved off", async () => {
    const pipeline = await db.pipeline.create({ data: { slug: "dr-order", name: "dr-order", repository: "acme/dr-order", target: { kind: "agents" } } });
    const build = await db.build.create({
      data: { pipelineId: pipeline.id, provider: "generic", externalId: "dr-order-1", number: 1, commitSha: "abc1234", branch: "main", state: "passed", createdAt: new Date() },
    });
    const [first, second] = await Promise.all(
      [1, 2].map((number) => db.release.create({ data: { pipelineId: pipeline.id, number, buildId: build.id, kind: "deploy", trigger: "auto", state: "succeeded" } })),
    );
    await db.host.create({ data: { pipelineId: pipeline.id, name: "web-1", desiredReleaseId: first!.id } });
    const cached = (await desired.pipeline("dr-order"))!;
    expect(cached.hosts.get("web-1")?.desired?.id).toBe(first!.id);

    // A rollout moves the host twice; the reload for the first move reads, then is slow to apply.
    await db.host.updateMany({ where: { pipelineId: pipeline.id }, data: { desiredReleaseId: second!.id } });
    const held = holdNextHostsRead();
    const older = desired.reload(pipeline.id);
    await held.hasRead;
    await db.host.updateMany({ where: { pipelineId: pipeline.id }, data: { desiredReleaseId: first!.id } });
    const newer = desired.reload(pipeline.id);
    setTimeout(held.release, 200);
    await Promise.all([older, newer]);

    expect(cached.hosts.get("web-1")?.desired?.id).toBe(first!.id);
  });
});
