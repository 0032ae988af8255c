import fs from "node:fs";
import { chromium } from "@playwright/test";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** Playwright's own Chromium where installed (a laptop), else Debian's (this project's machines and CI). */
export function chromiumExecutable(): string | undefined {
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined;
  } catch {
    // No bundled browser registered.
  }
  return DEBIAN_CHROMIUM;
}

// Debian's Chromium on a machine without network: no background calls home, no sandbox as root.
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
