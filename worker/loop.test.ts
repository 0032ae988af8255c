import { describe, expect, it, vi } from "vitest";
import type { TickSummary } from "../lib/engine";
import { startWorker, type WorkerLog } from "./loop";

const idle: TickSummary = { pipelinesAdvanced: 0, releasesCreated: 0, releasesStarted: 0, releasesFinished: 0, hostsConverged: 0, errors: [] };
const busy: TickSummary = { ...idle, pipelinesAdvanced: 1, hostsConverged: 3 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingLog() {
  const lines: { level: string; data: object; message: string }[] = [];
  const log: WorkerLog = {
    info: (data, message) => lines.push({ level: "info", data, message }),
    warn: (data, message) => lines.push({ level: "warn", data, message }),
    error: (data, message) => lines.push({ level: "error", data, message }),
  };
  return { log, lines };
}

describe("the worker loop", () => {
  it("never runs two ticks at once, even when a tick takes longer than tickMs", async () => {
    let running = 0;
    let most = 0;
    let count = 0;
    const tick = async () => {
      most = Math.max(most, ++running);
      await sleep(30);
      running--;
      count++;
      return idle;
    };
    const worker = startWorker({ tickMs: 1, log: recordingLog().log, tick });
    await sleep(200);
    await worker.stop();
    expect(most).toBe(1);
    expect(count).toBeGreaterThan(2);
  });

  it("logs a failed tick (e.g. the database is down) and carries on with the next", async () => {
    const { log, lines } = recordingLog();
    const tick = vi.fn().mockRejectedValueOnce(new Error("connect ECONNREFUSED 127.0.0.1:5432")).mockResolvedValue(busy);
    const worker = startWorker({ tickMs: 5, log, tick });
    await vi.waitFor(() => expect(tick.mock.calls.length).toBeGreaterThanOrEqual(3));
    await worker.stop();
    expect(lines[0]).toMatchObject({ level: "error", message: "tick failed; retrying next tick" });
    expect(lines[1]).toEqual({ level: "info", data: busy, message: "tick" });
  });

  it("logs one line per tick that did something, and nothing for idle ticks", async () => {
    const { log, lines } = recordingLog();
    const tick = vi.fn().mockResolvedValueOnce(busy).mockResolvedValue(idle);
    const worker = startWorker({ tickMs: 2, log, tick });
    await vi.waitFor(() => expect(tick.mock.calls.length).toBeGreaterThanOrEqual(5));
    await worker.stop();
    expect(lines).toEqual([{ level: "info", data: busy, message: "tick" }]);
  });

  it("warns about pipelines a tick could not advance", async () => {
    const { log, lines } = recordingLog();
    const broken = { ...idle, errors: [{ pipelineId: 7, message: "target.hosts: Too small" }] };
    const worker = startWorker({ tickMs: 1000, log, tick: async () => broken });
    await worker.stop();
    expect(lines).toEqual([{ level: "warn", data: broken, message: "tick: some pipelines could not be advanced" }]);
  });

  it("runs the tick hook before every tick, and a failing hook does not stop the tick", async () => {
    const { log, lines } = recordingLog();
    const order: string[] = [];
    const onTick = async () => {
      order.push("hook");
      throw new Error("demo feed down");
    };
    const worker = startWorker({ tickMs: 1000, log, onTick, tick: async () => (order.push("tick"), idle) });
    await worker.stop();
    expect(order).toEqual(["hook", "tick"]);
    expect(lines).toEqual([expect.objectContaining({ level: "error", message: "tick hook failed" })]);
  });

  it("finishes the current tick on stop, then starts no other", async () => {
    let finished = 0;
    const tick = vi.fn(async () => {
      await sleep(50);
      finished++;
      return idle;
    });
    const worker = startWorker({ tickMs: 1, log: recordingLog().log, tick });
    await sleep(10);
    await worker.stop();
    expect(finished).toBe(tick.mock.calls.length);
    const calls = tick.mock.calls.length;
    await sleep(30);
    expect(tick.mock.calls.length).toBe(calls);
  });
});
