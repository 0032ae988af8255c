import type { HostChange, MovingHost } from "../decide/facts";
import type { AgentsTarget, TargetConfig } from "./schema";
import { simulatedTarget } from "./simulated";

export type CheckVerdict = { state: "running" } | { state: "succeeded" | "failed"; note: string };

/**
 * What a release step does on one kind of target. The decisions only ask these
 * questions, so a new kind slots in here without touching them.
 */
export type Target =
  | {
      /** Steps are decided in the tick itself, from time and the hosts' state. */
      runsSteps: false;
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
  | {
      /**
       * Every check and batch is a step run a worker job executes outside the
       * pipeline's row lock (command, webhook); the decisions read its result.
       */
      runsSteps: true;
    };

export type InlineTarget = Extract<Target, { runsSteps: false }>;

// Agents report their release through heartbeats; their checks pass at once (metric checks come later).
const agentsTarget = (config: AgentsTarget): InlineTarget => ({
  runsSteps: false,
  checkVerdict: () => ({ state: "succeeded", note: "passed (the agents target runs no checks)" }),
  hostTimeoutSeconds: config.hostTimeoutSeconds,
});

export function targetFor(config: TargetConfig): Target {
  switch (config.kind) {
    case "simulated":
      return simulatedTarget(config);
    case "agents":
      return agentsTarget(config);
    case "command":
    case "webhook":
      return { runsSteps: true };
  }
}
