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
    ["OIDC_ISSUER", "not a url"],
    ["OIDC_ISSUER", "ftp://idp.example.com"],
    ["SHIPBOARD_DEFAULT_ROLE", "root"],
    ["SHIPBOARD_DEFAULT_ROLE", "admin"],
    ["SHIPBOARD_ADMIN_TOKEN", "sixteen-chars-ok-but-not-32"],
    ["SHIPBOARD_GITHUB_ORG", "not/an org"],
    ["SHIPBOARD_ALLOWED_DOMAINS", "example.com,not a domain"],
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

  it("never echoes a secret setting's value in its error", () => {
    const secret = "postgres-password-do-not-print";
    const cases: [string, string][] = [["DATABASE_URL", `mysql://u:${secret}@h/db`], ["SHIPBOARD_ADMIN_TOKEN", secret]];
    for (const [setting, value] of cases) {
      expect(() => loadConfig({ [setting]: value })).toThrow(ConfigError);
      try {
        loadConfig({ [setting]: value });
      } catch (error) {
        expect((error as Error).message).not.toContain(secret);
      }
    }
    expect(() => loadConfig({ PORT: "http" })).toThrow('PORT: must be a port number from 1 to 65535 (got "http")');
  });

  it("enables OAuth/OIDC providers only when their settings are present", () => {
    expect(loadConfig({})).toMatchObject({ github: undefined, oidc: undefined, defaultRole: "viewer", allowedDomains: undefined });
    const config = loadConfig({
      GITHUB_ID: "gh-id",
      GITHUB_SECRET: "gh-secret",
      OIDC_ISSUER: "https://idp.example.com/",
      OIDC_CLIENT_ID: "client",
      OIDC_CLIENT_SECRET: "secret",
      SHIPBOARD_DEFAULT_ROLE: "deployer",
      SHIPBOARD_ALLOWED_DOMAINS: " Example.com, @corp.example.org ,",
      SHIPBOARD_GITHUB_ORG: "acme-inc",
    });
    expect(config.githubOrg).toBe("acme-inc");
    expect(config.github).toEqual({ clientId: "gh-id", clientSecret: "gh-secret" });
    expect(config.oidc).toEqual({ issuer: "https://idp.example.com", clientId: "client", clientSecret: "secret", name: "SSO" });
    expect(config.defaultRole).toBe("deployer");
    expect(config.allowedDomains).toEqual(["example.com", "corp.example.org"]);
    expect(loadConfig({ OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_NAME: "Okta" }).oidc?.name).toBe("Okta");
  });

  it("refuses half a provider's settings, naming the missing one", () => {
    expect(() => loadConfig({ GITHUB_ID: "gh-id" })).toThrow(/^GITHUB_SECRET: must be set when GITHUB_ID is$/);
    expect(() => loadConfig({ OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_SECRET: "s" })).toThrow(/^OIDC_CLIENT_ID: /);
  });
});
