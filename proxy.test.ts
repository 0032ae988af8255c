import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { PATH_HEADER } from "@/lib/auth/redirect";
import { proxy } from "./proxy";

const saved = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved;
});

describe("proxy", () => {
  it("sends HSTS only when NEXTAUTH_URL is https", () => {
    process.env.NEXTAUTH_URL = "https://deploy.example.com";
    expect(proxy(new NextRequest("https://deploy.example.com/")).headers.get("strict-transport-security")).toMatch(/^max-age=31536000/);
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect(proxy(new NextRequest("http://localhost:3000/")).headers.get("strict-transport-security")).toBeNull();
  });

  it("gives every page response a script nonce of its own, on the request too (Next.js puts it on its scripts), and no 'unsafe-inline' script", () => {
    const scriptSources = [1, 2].map(() => {
      const response = proxy(new NextRequest("http://localhost/pipelines"));
      const policy = response.headers.get("content-security-policy")!;
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
      return policy.split("; ").find((directive) => directive.startsWith("script-src "))!;
    });
    const nonces = scriptSources.map((directive) => directive.match(/'nonce-([A-Za-z0-9+/]{22}==)'/)?.[1]);
    expect(nonces[0]).toBeDefined();
    expect(nonces[1]).not.toBe(nonces[0]);
    for (const directive of scriptSources) expect(directive).not.toContain("'unsafe-inline'");
  });

  it("attack: replaces a client-sent path header with the page's own path", () => {
    const request = new NextRequest("http://localhost/pipelines/api?tab=hosts", { headers: { [PATH_HEADER]: "//evil.example" } });
    expect(proxy(request).headers.get(`x-middleware-request-${PATH_HEADER}`)).toBe("/pipelines/api?tab=hosts");
  });
});
