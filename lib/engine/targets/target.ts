import type { HostChange, MovingHost } from "../decide/facts";
import type { AgentsTarget, TargetConfig } from "./schema";
import { simulatedTarget } from "./simulated";

export type CheckVerdict = { state: "running" } | { state: "succeeded" | "failed"; note: string };

/**
 * What a release step does on one kind of target. The decisions only ask these
 * questions, so a new kind slots in here without touching them.
 */
export interface Target {
  /** How a check that started at `startedAt` stands at `now`. */
  checkVerdict(startedAt: Date, now: Date): CheckVerdict;
  /**
   * Hosts that change by themselves (a simulated fleet), run by the tick. Absent
   * where real hosts report through the heartbeat endpoint instead.
   */
  converge?(hosts: readonly MovingHost[], now: Date): HostChange[];
  /**
   * Hosts not seen for this long are unreachable: a batch leaves them out when
   * it starts and never waits for them. Absent where hosts never report (simulated).
   */
  hostTimeoutSeconds?: number;
}

// Agents report their release through heartbeats; there is no check runner for them yet.
const agentsTarget = (config: AgentsTarget): Target => ({
  checkVerdict: () => ({ state: "succeeded", note: "passed (the agents target runs no checks)" }),
  hostTimeoutSeconds: config.hostTimeoutSeconds,
});

function notYetRunnable(kind: string): Target {
  return { checkVerdict: () => ({ state: "failed", note: `the ${kind} target cannot run steps yet` }) };
}

export function targetFor(config: TargetConfig): Target {
  switch (config.kind) {
    case "simulated":
      return simulatedTarget(config);
    case "agents":
      return agentsTarget(config);
    case "command":
    case "webhook":
      return notYetRunnable(config.kind);
  }
}
