import { describe, expect, it } from "vitest";
import { httpUrl, optionalInteger, optionalText, parseTimestamp, requireId } from "./common";
import { WebhookPayloadError } from "./types";

describe("parseTimestamp", () => {
  it.each([
    ["2020-10-05T16:33:24Z", "2020-10-05T16:33:24.000Z"],
    ["2015-05-09T21:05:59.874Z", "2015-05-09T21:05:59.874Z"],
    ["2016-08-12T17:23:21+02:00", "2016-08-12T15:23:21.000Z"],
    ["2016-08-12 15:23:28 UTC", "2016-08-12T15:23:28.000Z"],
    ["2021-04-28 21:50:00 +0200", "2021-04-28T19:50:00.000Z"],
    ["2024-01-02T03:04:05.123456789-05:30", "2024-01-02T08:34:05.123Z"],
    ["2024-02-29T00:00:00", "2024-02-29T00:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
  ])("reads %s as %s", (input, iso) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(iso);
  });

  it.each(["", "yesterday", "1", "2023-02-29T00:00:00Z", "2021-02-31T00:00:00Z", "2020-13-01T00:00:00Z", "2020-01-01T24:00:00Z", "1969-12-31T23:59:59Z", "2020-01-01T00:00:00+25:00"])(
    "rejects %j instead of rolling it over",
    (input) => {
      expect(parseTimestamp(input)).toBeNull();
    },
  );

  it("rejects non-strings, including epoch numbers", () => {
    expect(parseTimestamp(1_700_000_000)).toBeNull();
    expect(parseTimestamp(null)).toBeNull();
  });
});

describe("coercion helpers", () => {
  it("reads ids from strings and safe integers only", () => {
    expect(requireId(289782451, "id")).toBe("289782451");
    expect(requireId(" abc ", "id")).toBe("abc");
    for (const bad of [null, "", 1.5, -1, 2 ** 60, {}, []]) {
      expect(() => requireId(bad, "id")).toThrow(WebhookPayloadError);
    }
  });

  it("reads integers from numbers and decimal strings", () => {
    expect(optionalInteger("42")).toBe(42);
    expect(optionalInteger(42)).toBe(42);
    expect(optionalInteger("4x")).toBeNull();
    expect(optionalInteger(-3)).toBeNull();
    expect(optionalInteger(1e300)).toBeNull();
  });

  it("strips NUL, which Postgres text cannot store, and keeps other unicode", () => {
    expect(optionalText("a\u0000b 🚀 مرحبا")).toBe("ab 🚀 مرحبا");
    expect(optionalText("   ")).toBeNull();
  });

  it("passes only http(s) URLs", () => {
    expect(httpUrl("https://ci.example.com/b/1")).toBe("https://ci.example.com/b/1");
    expect(httpUrl("javascript:alert(1)")).toBeNull();
    expect(httpUrl("data:text/html,hi")).toBeNull();
    expect(httpUrl("not a url")).toBeNull();
  });
});
