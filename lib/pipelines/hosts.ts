/** Simulated fleets get host rows when the pipeline is created: web-001, web-002, … */
export function simulatedHostNames(slug: string, count: number): string[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `${slug}-${String(i + 1).padStart(width, "0")}`);
}
