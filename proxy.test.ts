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

  it("attack: replaces a client-sent path header with the page's own path", () => {
    const request = new NextRequest("http://localhost/pipelines/api?tab=hosts", { headers: { [PATH_HEADER]: "//evil.example" } });
    expect(proxy(request).headers.get(`x-middleware-request-${PATH_HEADER}`)).toBe("/pipelines/api?tab=hosts");
  });
});
