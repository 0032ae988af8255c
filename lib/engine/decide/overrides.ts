// What a person's rollback goes past (SPEC "Guardrails": promote and rollback
// stay allowed in a freeze and outside the windows; the UI warns and asks
// why). Unlike CD's gates these name no build and no wait: a rollback goes now.
import type { Blocker } from "./continuous";
import { freezeAt, type Freeze } from "./freezes";
import { describeWindow, windowState, type DeployWindow } from "./windows";

export function rollbackOverrides(guards: { windows: readonly DeployWindow[]; freezes: readonly Freeze[] }, now: Date): Blocker[] {
  const overrides: Blocker[] = [];
  const freeze = freezeAt(guards.freezes, now);
  if (freeze !== null) overrides.push({ code: "frozen", message: `Deploys are frozen by ${freeze.by}: ${freeze.reason}`, until: freeze.to });
  const window = windowState(guards.windows, now);
  if (!window.open) {
    const message = `Outside the deploy windows (${guards.windows.map(describeWindow).join("; ")})`;
    overrides.push(window.nextOpening === null ? { code: "outside-window", message } : { code: "outside-window", message, until: window.nextOpening });
  }
  return overrides;
}
