import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputGuard } from "./guard";

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (inputGuard(req, res)) return;
    res.end("passed");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A raw request: the path and Host exactly as given (no client-side normalisation). */
function send(path: string, host = `localhost:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, headers: { Host: host }, agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("inputGuard (node:http front)", () => {
  it.each(["/api/pipelines/%ED%A0%80", "/api/pipelines/%00", "/api/pipelines/%zz", "/api/metrics?pipeline=%C0%AF", "/api/audit?actor=%", "/api/webhooks/generic?pipeline=%00"])(
    "attack: %s is a 400 JSON before any route sees it",
    async (path) => {
      const { status, body } = await send(path);
      expect(status).toBe(400);
      expect(JSON.parse(body).error.code).toBe("bad_request");
    },
  );

  it.each(["bad host", "evil.example/x", "a@b", "x:99999"])("attack: a malformed Host header %j is a 400, not a 500", async (host) => {
    const { status, body } = await send("/api/health", host);
    expect(status).toBe(400);
    expect(JSON.parse(body).error.field).toBe("host");
  });

  it("lets well-formed requests through", async () => {
    expect(await send("/api/pipelines/web?cursor=abc%20d")).toEqual({ status: 200, body: "passed" });
    expect(await send("/pipelines/%zz")).toEqual({ status: 200, body: "passed" });
    expect(await send("/api/health", "[::1]:3000")).toEqual({ status: 200, body: "passed" });
  });
});
