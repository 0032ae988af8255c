import { describe, expect, it } from "vitest";
import { buildName, commitUrl, elapsedMs, releaseName, formatAbsolute, formatDuration, formatPercent, formatRate, formatRelative, formatExpected, plural, shortSha, startOfDay } from "./format";

describe("formatDuration", () => {
  it("writes minutes and zero-padded seconds the way people say them", () => {
    expect(formatDuration(11 * 60_000 + 42_000)).toBe("11m 42s");
    expect(formatDuration(5 * 60_000 + 3_000)).toBe("5m 03s");
  });
  it("writes short, long and very long spans in their natural unit", () => {
    expect(formatDuration(45_000)).toBe("45s");
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe("2h 05m");
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe("3d 4h");
  });
  it("rounds up to the next unit instead of writing 60m 00s", () => {
    expect(formatDuration(3_599_600)).toBe("1h 00m");
  });
  it("says <1s for sub-second spans and a dash when unknown", () => {
    expect(formatDuration(400)).toBe("<1s");
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");
  const before = (ms: number) => new Date(now - ms).toISOString();
  it("writes past times as an age", () => {
    expect(formatRelative(before(3_000), now)).toBe("just now");
    expect(formatRelative(before(45_000), now)).toBe("45s ago");
    expect(formatRelative(before(12 * 60_000), now)).toBe("12 min ago");
    expect(formatRelative(before(3 * 3_600_000), now)).toBe("3 h ago");
    expect(formatRelative(before(86_400_000), now)).toBe("1 day ago");
    expect(formatRelative(before(5 * 86_400_000), now)).toBe("5 days ago");
  });
  it("writes future times (estimates) as a countdown", () => {
    expect(formatRelative(before(-4 * 60_000), now)).toBe("in 4 min");
    expect(formatRelative(before(-2_000), now)).toBe("just now");
  });
});

describe("formatExpected", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");
  const at = (msFromNow: number) => new Date(now + msFromNow).toISOString();
  it("says an estimate still ahead as a rough countdown", () => {
    expect(formatExpected(at(4 * 60_000), now)).toBe("in about 4 min");
  });
  it("says a late estimate is overdue instead of pretending it is current", () => {
    expect(formatExpected(at(-3 * 60_000), now)).toBe("overdue (expected 3 min ago)");
    expect(formatExpected(at(-5_000), now)).toBe("any moment now");
  });
});

describe("identifiers and ratios", () => {
  it("writes absolute times in UTC so server and browser agree", () => {
    expect(formatAbsolute("2026-11-25T08:04:12.345Z")).toBe("2026-11-25 08:04:12 UTC");
  });
  it("shortens a sha to 7 characters", () => {
    expect(shortSha("0123456789abcdef")).toBe("0123456");
  });
  it("writes ratios as percentages with at most one decimal", () => {
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(null)).toBe("—");
  });
  it("writes rates with at most one decimal", () => {
    expect(formatRate(4.25)).toBe("4.3");
    expect(formatRate(12)).toBe("12");
  });
  it("pluralises a count", () => {
    expect(plural(1, "host")).toBe("1 host");
    expect(plural(3, "host")).toBe("3 hosts");
  });
  it("names a build by its number, else its short sha", () => {
    expect(buildName({ number: 42, commitSha: "abcdef0123" })).toBe("#42");
    expect(buildName({ number: null, commitSha: "abcdef0123" })).toBe("abcdef0");
  });
  it("names a release by its kind and number", () => {
    expect(releaseName({ kind: "rollback", number: 12 })).toBe("Rollback #12");
  });
});

describe("elapsedMs", () => {
  it("measures a finished span, a running span up to now, and nothing before the start", () => {
    const now = Date.parse("2026-11-25T12:10:00Z");
    expect(elapsedMs("2026-11-25T12:00:00Z", "2026-11-25T12:02:30Z", now)).toBe(150_000);
    expect(elapsedMs("2026-11-25T12:00:00Z", null, now)).toBe(600_000);
    expect(elapsedMs(null, null, now)).toBeNull();
  });
});

describe("times in the viewer's zone", () => {
  it("writes an exact time in the given zone, named", () => {
    expect(formatAbsolute("2026-11-25T08:04:12.345Z", "Europe/Berlin")).toBe("2026-11-25 09:04:12 CET");
    expect(formatAbsolute("2026-07-01T23:30:00Z", "America/New_York")).toBe("2026-07-01 19:30:00 GMT-4");
  });
  it("finds the viewer's midnight, which is not UTC's", () => {
    const now = Date.parse("2026-12-02T05:30:00Z");
    expect(startOfDay(now, "UTC").toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(startOfDay(now, "Asia/Tokyo").toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(startOfDay(now, "America/Los_Angeles").toISOString()).toBe("2026-12-01T08:00:00.000Z");
  });
});

describe("commitUrl", () => {
  const sha = "0123456789abcdef0123456789abcdef01234567";
  it("links GitHub, and GitLab on its own host when the CI link shows one", () => {
    expect(commitUrl("acme/web", sha)).toBe(`https://github.com/acme/web/commit/${sha}`);
    expect(commitUrl("acme/web", sha, { provider: "gitlab", url: null })).toBe(`https://gitlab.com/acme/web/-/commit/${sha}`);
    expect(commitUrl("group/sub/app", sha, { provider: "gitlab", url: "https://git.acme.dev/group/sub/app/-/pipelines/9" })).toBe(
      `https://git.acme.dev/group/sub/app/-/commit/${sha}`,
    );
  });
  it("links nothing for a repository or sha that is not one", () => {
    expect(commitUrl("not a repo", sha)).toBeNull();
    expect(commitUrl("acme/web", "javascript:alert(1)")).toBeNull();
  });
});
