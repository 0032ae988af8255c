import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("applies SPEC defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ databaseUrl: undefined, port: 3000, tickMs: 2000, demo: undefined });
    expect(config.dataDir).toMatch(/\.shipboard$/);
  });

  it("treats empty strings as unset and NEXTAUTH_SECRET as AUTH_SECRET", () => {
    expect(loadConfig({ PORT: "", NEXTAUTH_SECRET: "s" })).toMatchObject({ port: 3000, authSecret: "s" });
  });

  it.each([
    ["DATABASE_URL", "mysql://localhost/db"],
    ["DATABASE_URL", "not a url"],
    ["PORT", "http"],
    ["PORT", "70000"],
    ["SHIPBOARD_TICK_MS", "-5"],
    ["SHIPBOARD_DEMO", "yes"],
    ["SHIPBOARD_ADMIN_EMAIL", "nobody"],
  ])("names the bad setting %s=%s in one line", (setting, value) => {
    let error: unknown;
    try {
      loadConfig({ [setting]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(new RegExp(`^${setting}: `));
    expect((error as ConfigError).message).not.toContain("\n");
  });
});
