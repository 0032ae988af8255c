import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db, disconnect } from "../db";
import { createDatabaseIfMissing } from "../db/bootstrap";
import { enqueue } from "./enqueue";
import { installJobQueue } from "./install";
import { defineJob } from "./job";
import { startJobRunner, type JobRunner } from "./runner";

const silent = { info() {}, warn() {}, error() {} };
const runners: JobRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await disconnect();
});

/** A job kind that records what it ran, for these tests only. */
function recordingJob(name: string) {
  const ran: { text: string; at: number }[] = [];
  const job = defineJob(name, z.object({ text: z.string() }), async ({ text }) => {
    ran.push({ text, at: Date.now() });
  });
  return { job, ran };
}

async function waitFor(check: () => boolean, ms = 5_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the job queue", () => {
  it("runs a job added inside a transaction once it commits, and never one whose transaction rolled back", async () => {
    const { job, ran } = recordingJob("test-atomic");
    runners.push(await startJobRunner({ databaseUrl: process.env.DATABASE_URL!, log: silent, concurrency: 2, jobs: [job] }));
    await expect(
      db.$transaction(async (tx) => {
        await enqueue(tx, job, { text: "rolled back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    let committedAt = 0;
    await db.$transaction(async (tx) => {
      await enqueue(tx, job, { text: "committed" });
      committedAt = Date.now();
    });
    await waitFor(() => ran.length > 0);
    // Picked up by NOTIFY, well before the 1 s poll.
    expect(ran[0]!.at - committedAt).toBeLessThan(800);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ran.map((entry) => entry.text)).toEqual(["committed"]);
  });

  it("refuses a payload that does not fit the job's shape when it is added", async () => {
    const { job } = recordingJob("test-shape");
    await expect(enqueue(db, job, { text: 42 } as unknown as { text: string })).rejects.toThrow();
  });

  it("installs its schema on a new database from two processes' worth of connections at once", async () => {
    const admin = new URL(process.env.DATABASE_URL!);
    const name = `jobs_install_${Date.now()}`;
    admin.pathname = "/postgres";
    await createDatabaseIfMissing(admin.toString(), name);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    try {
      await Promise.all([installJobQueue(url.toString()), installJobQueue(url.toString())]);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      const { rows } = await client.query("SELECT count(*)::int AS n FROM graphile_worker.migrations");
      await client.end();
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    }
  });
});
