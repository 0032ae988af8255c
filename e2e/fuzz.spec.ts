import { expect, test } from "@playwright/test";
import { admin, createPipeline, uniqueSlug } from "./api";

/**
 * A few thousand malformed, oversized, wrongly typed and hostile bodies to
 * every route: never a 500, always a JSON answer, nothing written.
 */
const hostileStrings = [
  "", " ", "\u0000", "\u0000\u0001\u001f", "'; DROP TABLE \"Pipeline\"; --", "\" OR 1=1 --", "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>", "../../etc/passwd", "%00", "\uD800", "😀".repeat(300), "ﷺ".repeat(50), "a".repeat(10_000),
  "${jndi:ldap://x}", "{{7*7}}", "null", "true", "-1", "1e309", "NaN", "__proto__", "constructor",
];
const hostileValues: unknown[] = [
  ...hostileStrings, null, true, false, 0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, [], [1, 2], {}, { $gt: "" },
  { __proto__: { admin: true } }, [[[[[]]]]], { a: { b: { c: { d: {} } } } },
];

function* bodies(fields: string[]): Generator<string> {
  yield "";
  yield "{";
  yield "not json";
  yield "[]";
  yield "null";
  yield "\"string\"";
  yield "{\"a\":1,}";
  yield JSON.stringify({ deep: JSON.parse("[".repeat(500) + "]".repeat(500)) });
  for (const value of hostileValues) {
    yield JSON.stringify(value);
    for (const field of fields) yield JSON.stringify({ [field]: value });
    yield JSON.stringify(Object.fromEntries(fields.map((field) => [field, value])));
    for (const field of fields) yield JSON.stringify({ ...Object.fromEntries(fields.map((f) => [f, "x"])), [field]: value });
  }
  yield JSON.stringify({ padding: "x".repeat(1_100_000) });
}

test("thousands of hostile bodies to every route: no 500, always JSON, nothing written", async ({ request }) => {
  test.setTimeout(240_000);
  const slug = uniqueSlug("fuzz");
  await createPipeline(request, slug);
  // Locked first, so a hostile-looking but valid reason (it is just text) gets a 409 and writes nothing.
  await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "fuzzing" } });
  // What hostile input could write: pipelines, tokens, builds, and audit events on this pipeline.
  const snapshot = async () => {
    const get = async (path: string) => (await (await request.get(path, { headers: admin })).json()).items.length;
    return {
      pipelines: await get("/api/pipelines"),
      tokens: await get("/api/tokens"),
      builds: await get(`/api/pipelines/${slug}/builds`),
      audit: await get(`/api/audit?pipeline=${slug}&limit=200`),
    };
  };
  const before = await snapshot();

  const routes = [
    { method: "POST", path: "/api/pipelines", fields: ["slug", "name", "repository", "branch", "target", "batchPercent", "autoDeploy"] },
    { method: "POST", path: `/api/pipelines/${slug}/lock`, fields: ["reason"] },
    { method: "POST", path: `/api/pipelines/${slug}/promote`, fields: ["buildId", "reason"] },
    { method: "POST", path: `/api/pipelines/${slug}/rollback`, fields: ["releaseId", "reason"] },
    { method: "POST", path: "/api/tokens", fields: ["name", "role"] },
    { method: "POST", path: "/api/webhooks/generic", fields: ["externalId", "commitSha", "branch", "state"] },
    { method: "POST", path: "/api/webhooks/buildkite", fields: ["event", "build"] },
    { method: "POST", path: "/api/agent/heartbeat", fields: ["pipeline", "host", "release", "healthy"] },
    { method: "GET", path: "/api/metrics?from=", fields: [] },
  ] as const;

  let sent = 0;
  for (const route of routes) {
    const batch: Promise<void>[] = [];
    for (const body of bodies([...route.fields])) {
      const path = route.method === "GET" ? `${route.path}${encodeURIComponent(body.slice(0, 200).replace(/[\uD800-\uDFFF]/g, ""))}` : route.path;
      batch.push(
        request
          .fetch(path, { method: route.method, headers: { ...admin, "Content-Type": "application/json" }, data: route.method === "GET" ? undefined : body })
          .then(async (response) => {
            const text = await response.text();
            expect(response.status(), `${route.path} ${body.slice(0, 80)} → ${text.slice(0, 200)}`).toBeLessThan(500);
            expect(() => JSON.parse(text), `${route.path} answered non-JSON: ${text.slice(0, 100)}`).not.toThrow();
          }),
      );
      sent++;
      if (batch.length >= 16) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
  }
  expect(sent).toBeGreaterThan(1000);
  console.log(`fuzz: ${sent} hostile requests`);

  expect(await snapshot()).toEqual(before);
  const pipeline = await (await request.get(`/api/pipelines/${slug}`, { headers: admin })).json();
  expect(pipeline.lock.reason).toBe("fuzzing");
  expect(pipeline.activeRelease).toBeNull();
});

test("NUL, lone surrogates, invalid percent-encoding and overlong UTF-8 anywhere in the input: 400 JSON, never a 500", async ({ request }) => {
  const slug = uniqueSlug("fuzz-text");
  await createPipeline(request, slug);
  const badParts = ["%00", "a%00b", "%ED%A0%80", "%zz", "%", "%C0%AF", "%E0%80%AF", "%F0%80%80%AF", "%FF"];
  const urls = [
    ...badParts.map((part) => `/api/pipelines/${part}`),
    ...badParts.map((part) => `/api/pipelines/${slug}/builds?cursor=${part}`),
    ...badParts.map((part) => `/api/metrics?pipeline=${part}`),
    ...badParts.map((part) => `/api/audit?actor=${part}`),
    ...badParts.map((part) => `/api/releases/${part}`),
  ];
  for (const url of urls) {
    const response = await request.get(url, { headers: admin });
    const text = await response.text();
    expect(response.status(), `${url} → ${text.slice(0, 200)}`).toBe(400);
    expect(JSON.parse(text).error.code, url).toBe("bad_request");
  }
  const bodies = [
    Buffer.from('{"reason":"a\\u0000b"}'),
    Buffer.from('{"reason":"\\ud800"}'),
    Buffer.from('{"reason":"\\udc00x"}'),
    Buffer.from([...Buffer.from('{"reason":"'), 0xc0, 0xaf, ...Buffer.from('"}')]),
    Buffer.from([...Buffer.from('{"reason":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]),
    Buffer.from([...Buffer.from('{"reason":"'), 0xff, ...Buffer.from('"}')]),
  ];
  for (const body of bodies) {
    const response = await request.post(`/api/pipelines/${slug}/lock`, { headers: { ...admin, "Content-Type": "application/json" }, data: body });
    const text = await response.text();
    expect(response.status(), `${body.toString("latin1")} → ${text.slice(0, 200)}`).toBe(400);
    expect(JSON.parse(text).error.code).toBe("bad_request");
  }
  expect((await (await request.get(`/api/pipelines/${slug}`, { headers: admin })).json()).locked).toBe(false);
});

test("every /api path that is no route answers JSON 404 {error}", async ({ request }) => {
  for (const path of ["/api/pipelines/%2e%2e", "/api", "/api/nope", "/api/pipelines/x/nope/deeper"]) {
    for (const method of ["GET", "POST", "DELETE"]) {
      const response = await request.fetch(path, { method, headers: admin });
      const text = await response.text();
      expect(response.status(), `${method} ${path} → ${text.slice(0, 100)}`).toBe(404);
      expect(JSON.parse(text).error.code).toBe("not_found");
    }
  }
});
