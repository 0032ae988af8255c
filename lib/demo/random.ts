import { fnv1a } from "@/lib/engine/targets/simulated";

/** A seeded pseudo-random source: the same seed gives the same demo data. */
export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Log-normal with the given median: most values near it, a long tail above. */
  lognormal(median: number, sigma: number): number;
  hex(length: number): string;
};

/** mulberry32: tiny, fast and good enough for plausible data (not for secrets). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function random(seed: string): Random {
  const next = mulberry32(fnv1a(seed));
  const between = (min: number, max: number) => min + (max - min) * next();
  const int = (min: number, max: number) => Math.floor(between(min, max + 1));
  return {
    next,
    between,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[int(0, items.length - 1)]!;
    },
    lognormal: (median, sigma) => {
      // Box–Muller: a standard normal from two uniforms (1 - u keeps log away from 0).
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * normal);
    },
    hex: (length) => {
      let text = "";
      while (text.length < length) text += Math.floor(next() * 2 ** 32).toString(16).padStart(8, "0");
      return text.slice(0, length);
    },
  };
}
