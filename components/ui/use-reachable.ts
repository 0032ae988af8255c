"use client";

import { useSyncExternalStore } from "react";

/**
 * Whether Shipboard answers, checked every few seconds by one shared timer
 * while a page shows live data: the browser going offline, a server that does
 * not answer within the timeout, or a 503 (database down) all count as
 * unreachable, so a stale screen says so within 5 s, not at the next slow poll.
 */
const PING_MS = 2_500;
const TIMEOUT_MS = 2_000;

let problem: string | null = null;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function set(next: string | null) {
  if (next === problem) return;
  problem = next;
  listeners.forEach((l) => l());
}

async function ping() {
  if (document.visibilityState === "hidden") return;
  if (!navigator.onLine) return set("you are offline");
  try {
    const response = await fetch("/api/health", { cache: "no-store", signal: AbortSignal.timeout(TIMEOUT_MS) });
    set(response.ok ? null : response.status === 503 ? "Shipboard cannot reach its database" : `Shipboard answered ${response.status}`);
  } catch {
    set("Shipboard is unreachable");
  }
}

const onOffline = () => set("you are offline");
const onOnline = () => void ping();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => void ping(), PING_MS);
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
    }
  };
}

/** Why Shipboard cannot be reached right now, or null while it answers. */
export function useUnreachable(): string | null {
  return useSyncExternalStore(subscribe, () => problem, () => null);
}
