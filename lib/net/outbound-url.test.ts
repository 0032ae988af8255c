import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { guardedLookup, outboundUrlProblem, RefusedAddressError, refusedAddress } from "./outbound-url";

// No test here opens a connection to a refused address: literal addresses are
// checked without connecting, names through an injected resolver.
afterEach(() => {
  delete process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS;
});

describe("outgoing URLs", () => {
  it.each([
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
    "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
  ])("refuses %s", (address) => {
    expect(refusedAddress(address)).toMatch(/loopback, link-local, private or reserved/);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700::1111", "172.32.0.1"])("accepts the public address %s", (address) => {
    expect(refusedAddress(address)).toBeNull();
  });

  it("refuses URLs on literal private addresses and local names when saved, and allows them with SHIPBOARD_ALLOW_PRIVATE_TARGETS=1", () => {
    expect(outboundUrlProblem("http://127.0.0.1:8080/hook")).toMatch(/SHIPBOARD_ALLOW_PRIVATE_TARGETS/);
    expect(outboundUrlProblem("http://[fd12::1]/hook")).toMatch(/private/);
    expect(outboundUrlProblem("http://localhost/hook")).toMatch(/this machine/);
    expect(outboundUrlProblem("https://deploy.example.com/hook")).toBeNull();
    process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
    expect(outboundUrlProblem("http://127.0.0.1:8080/hook")).toBeNull();
  });

  it("refuses a name that resolves to a private address at request time, before connecting", async () => {
    const lookup = guardedLookup(async () => [{ address: "203.0.113.9", family: 4 }, { address: "10.0.0.5", family: 4 }]);
    const error = await new Promise<Error | null>((resolve) => lookup("internal.example.com", {}, (err) => resolve(err)));
    expect(error).toBeInstanceOf(RefusedAddressError);
    expect(error?.message).toBe("internal.example.com resolves to 10.0.0.5 is a loopback, link-local, private or reserved address");
  });

  it("connects a request to the resolved address that passed (a receiver on 127.0.0.1, allowed for the test)", async () => {
    process.env.SHIPBOARD_ALLOW_PRIVATE_TARGETS = "1";
    const server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const lookup = guardedLookup(async () => [{ address: "127.0.0.1", family: 4 }]);
      const body = await new Promise<string>((resolve, reject) => {
        http.get({ host: "receiver.test", port, path: "/", lookup }, (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve(text));
        }).on("error", reject);
      });
      expect(body).toBe("ok");
    } finally {
      server.close();
    }
  });
});
