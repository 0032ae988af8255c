"use client";

import { useSyncExternalStore } from "react";

// One shared clock for every relative time on the page: a single timer, started while anything shows a time.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
const TICK_MS = 1_000;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// On the server each request renders with its own clock (to the second, so repeated reads agree); in the browser, hydration uses the page's load time.
const serverNow = () => (typeof window === "undefined" ? Math.floor(Date.now() / 1000) * 1000 : now);

/** The current time in ms, updated every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now, serverNow);
}
