import type { HostChange, MovingHost } from "../decide/facts";
import type { SimulatedTarget } from "./schema";
import type { InlineTarget } from "./target";

/** FNV-1a: a small, stable string hash, so a simulated fleet behaves the same on every run. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Each host restarts in restartSeconds × a factor in [0.8, 1.2) fixed by its name, so batches finish unevenly. */
export function restartMs(config: SimulatedTarget, hostName: string): number {
  const jitter = 0.8 + 0.4 * (fnv1a(hostName) / 2 ** 32);
  return Math.round(config.restartSeconds * jitter * 1000);
}

/**
 * Whether a host never turns healthy on a release: a fixed failPercent share of
 * hosts per release. The simulated fault is in the new build, so a rollback (to a
 * build that ran before) always converges.
 */
export function failsOn(config: SimulatedTarget, host: MovingHost): boolean {
  if (host.desiredReleaseKind === "rollback") return false;
  return fnv1a(`${host.name}#${host.desiredReleaseId}`) % 100 < config.failPercent;
}

/** How long each simulated check takes. */
export function checkSeconds(config: SimulatedTarget): number {
  return config.checkSeconds ?? Math.min(config.restartSeconds, 30);
}

export function simulatedTarget(config: SimulatedTarget): InlineTarget {
  const checkMs = checkSeconds(config) * 1000;
  return {
    runsSteps: false,
    checkVerdict: (startedAt, now) =>
      now.getTime() - startedAt.getTime() >= checkMs
        ? { state: "succeeded", note: `passed (simulated, ${checkSeconds(config)} s)` }
        : { state: "running" },
    converge: (hosts, now): HostChange[] =>
      hosts
        .filter((host) => now.getTime() >= host.desiredAt.getTime() + restartMs(config, host.name))
        .map((host) => ({ id: host.id, releaseId: host.desiredReleaseId, healthy: !failsOn(config, host) })),
  };
}
