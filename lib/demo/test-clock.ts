/** The `now` both demo test files seed with: they share one database, and whichever runs first seeds it. */
export const DEMO_SEED_NOW = new Date("2026-03-18T15:30:00Z");
