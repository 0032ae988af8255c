import { execSync } from "node:child_process";
import fs from "node:fs";
import { chromiumExecutable, DEBIAN_CHROMIUM } from "./browser";

/** Installs Debian's Chromium when neither it nor Playwright's own browser is present (CI runs as root on a fresh machine). */
export default function globalSetup() {
  if (chromiumExecutable() !== DEBIAN_CHROMIUM || fs.existsSync(DEBIAN_CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`No Chromium found: run \`npx playwright install chromium\` or install Debian's chromium (${DEBIAN_CHROMIUM})`);
  }
  console.log("e2e: installing Debian's chromium…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
}
