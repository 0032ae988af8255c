import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../lib/api/body";
import { CLIENT_ADDRESS_HEADER } from "../lib/api/rate-limit";
import { startHttpServer } from "./http";
import { proxyTo } from "./proxy";

// A stand-in for the Next.js child on a Unix socket, and the real front in front of it.
const socketPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "proxy-test-")), "web.sock");
let upstream: http.Server;
let front: http.Server;
let port: number;
/** The body sizes the stand-in received. */
const seen: number[] = [];

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    if (req.url === "/early") {
      // Answers before reading the body, as a body-size limit does (node:http drains the rest).
      res.writeHead(413, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { code: "payload_too_large" } }));
      return;
    }
    let size = 0;
    req.on("data", (chunk: Buffer) => (size += chunk.length));
    req.on("end", () => {
      seen.push(size);
      res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      res.end(JSON.stringify({ url: req.url, size, headers: req.headers }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen({ path: socketPath, backlog: 4096 }, resolve));
  // Port 0 picks a free loopback port.
  front = await startHttpServer(0, [], proxyTo(socketPath));
  port = (front.address() as AddressInfo).port;
});
afterAll(async () => {
  front.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

function send(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: pathname, method: options.method ?? "GET", headers: options.headers, agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

describe("proxyTo (the front passing requests to the Next.js child)", () => {
  it("passes method, path, body and every Set-Cookie through", async () => {
    const { status, headers, body } = await send("/pipelines/web?tab=hosts", { method: "POST", body: Buffer.alloc(300_000, 120) });
    expect(status).toBe(200);
    expect(headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(JSON.parse(body)).toMatchObject({ url: "/pipelines/web?tab=hosts", size: 300_000 });
  });

  it("attack: a client-sent client-address header is replaced by the address the front saw", async () => {
    const { body } = await send("/", { headers: { [CLIENT_ADDRESS_HEADER]: "203.0.113.9" } });
    expect(JSON.parse(body).headers[CLIENT_ADDRESS_HEADER]).toMatch(/127\.0\.0\.1$/);
  });

  it("a body over 1 MB is a 413 JSON from the front, never sent on; one of 1 MB is passed whole", async () => {
    const over = await send("/", { method: "POST", body: Buffer.alloc(MAX_BODY_BYTES + 1, 120) });
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).error.code).toBe("payload_too_large");
    const chunked = await send("/", { method: "POST", headers: { "Transfer-Encoding": "chunked" }, body: Buffer.alloc(MAX_BODY_BYTES + 1, 120) });
    expect(chunked.status).toBe(413);
    const whole = await send("/", { method: "POST", body: Buffer.alloc(MAX_BODY_BYTES, 120) });
    expect(JSON.parse(whole.body).size).toBe(MAX_BODY_BYTES);
    expect(seen).not.toContain(MAX_BODY_BYTES + 1);
  });

  it("an answer given before the body was read arrives whole", async () => {
    for (let i = 0; i < 20; i++) {
      const { status, body } = await send("/early", { method: "POST", body: Buffer.alloc(500_000, 120) });
      expect(status).toBe(413);
      expect(JSON.parse(body).error.code).toBe("payload_too_large");
    }
  });

  it("a burst of 800 requests at once is queued by the child, none refused", async () => {
    const answers = await Promise.all(Array.from({ length: 800 }, (_, i) => send(`/burst/${i}`)));
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  });

  it("with the child down, a 502 JSON error rather than a hang", async () => {
    const down = await startHttpServer(0, [], proxyTo(path.join(os.tmpdir(), "no-such-shipboard.sock")));
    const downPort = (down.address() as AddressInfo).port;
    const answer = await fetch(`http://127.0.0.1:${downPort}/api/pipelines`);
    expect(answer.status).toBe(502);
    expect((await answer.json()).error.code).toBe("web_unavailable");
    await new Promise((resolve) => down.close(resolve));
  });
});
