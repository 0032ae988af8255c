import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, uniqueSlug } from "./api";
import { signIn } from "./auth";

/** The pipeline settings page through the real UI: an admin edits, the API shows it; the server alone judges values. */
test.describe.configure({ mode: "serial" });

async function save(page: Page) {
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Saved the settings" })).toBeVisible();
}

/** A delivery log row: When, Status, HTTP, Attempt, … */
async function expectDelivery(row: Locator, status: string, httpStatus: string) {
  const cells = row.getByRole("cell");
  await expect(cells.nth(1)).toContainText(status);
  await expect(cells.nth(2)).toHaveText(httpStatus);
  await expect(cells.nth(3)).toHaveText("1");
}

const updatesOf = async (request: Parameters<typeof getPipeline>[0], slug: string) =>
  ((await (await request.get(`/api/audit?pipeline=${slug}`, { headers: admin })).json()).items as { action: string; outcome: string }[]).filter(
    (event) => event.action === "pipeline.update",
  );

test("an admin edits the target by kind, a deploy window and the upstream; the API and the audit show it, and target fields the form lacks survive", async ({ page, request }) => {
  const staging = uniqueSlug("set-staging");
  const slug = uniqueSlug("set-prod");
  await createPipeline(request, staging);
  await createPipeline(request, slug, { target: { kind: "simulated", hosts: 4, restartSeconds: 0, checkSeconds: 3, checks: ["Smoke"], stepTimeoutSeconds: 30 } });
  await signIn(page, "admin");
  await page.goto(`/pipelines/${slug}/settings`);

  // checkSeconds has no input: it waits in the advanced JSON and is sent back untouched.
  await expect(page.getByLabel("Other target fields (JSON object)")).toHaveValue(/"checkSeconds": 3/);
  await page.getByLabel("Simulated hosts").fill("6");
  await save(page);
  expect((await getPipeline(request, slug)).target).toMatchObject({ kind: "simulated", hosts: 6, checkSeconds: 3, checks: ["Smoke"], stepTimeoutSeconds: 30 });

  await page.goto(`/pipelines/${slug}/settings`);
  await page.getByLabel("Kind").selectOption("command");
  await page.getByLabel("Hosts (one per line)").fill("web-1\nweb-2");
  await page.getByLabel("Batch command").fill("./deploy --region eu");
  await page.getByLabel("Check 1 command").fill("./smoke");
  await page.getByLabel("Other target fields (JSON object)").fill("");
  await page.getByRole("button", { name: "Add a window" }).click();
  const window = page.getByRole("group", { name: "Window 1" });
  await window.getByLabel("Sun").check();
  await window.getByLabel("Closes at").fill("18:30");
  await window.getByLabel("Time zone").selectOption("Europe/Dublin");
  await page.getByLabel("Upstream pipeline").selectOption(staging);
  await page.getByLabel("Bake time (minutes)").fill("30");
  await save(page);

  const after = await getPipeline(request, slug);
  expect(after.target).toEqual({
    kind: "command", hosts: ["web-1", "web-2"], checks: [{ name: "Smoke", run: "./smoke" }], batch: { run: "./deploy --region eu" }, stepTimeoutSeconds: 30,
    metricChecks: [],
  });
  expect(after.windows).toEqual([{ days: ["mon", "tue", "wed", "thu", "fri", "sun"], from: "09:00", to: "18:30", timeZone: "Europe/Dublin" }]);
  expect(after.upstream).toEqual({ slug: staging, bakeMinutes: 30 });
  expect((await updatesOf(request, slug)).map((event) => event.outcome)).toEqual(["changed windows, upstream, target", "changed target"]);

  // The form starts over from what was stored: saving again unchanged sends nothing.
  await page.goto(`/pipelines/${slug}/settings`);
  await expect(page.getByLabel("Batch command")).toHaveValue("./deploy --region eu");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing changed" })).toBeVisible();
});

test("a bad value shows the server's message beside its field and saves nothing", async ({ page, request }) => {
  const upstream = uniqueSlug("set-up");
  const downstream = uniqueSlug("set-down");
  await createPipeline(request, upstream);
  await createPipeline(request, downstream, { upstream: { slug: upstream, bakeMinutes: 0 } });
  await signIn(page, "admin");
  await page.goto(`/pipelines/${upstream}/settings`);

  const batch = page.getByLabel("Batch size (% of hosts)");
  await batch.fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(batch).toHaveAttribute("aria-invalid", "true");
  await expect(batch).toHaveAccessibleDescription(/expected number to be >=1/);

  // Loops are a rule only the server knows: its message lands beside the upstream it is about.
  await batch.fill("50");
  await page.getByLabel("Upstream pipeline").selectOption(downstream);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByLabel("Upstream pipeline")).toHaveAccessibleDescription(/the chain would loop/);
  await expect(batch).not.toHaveAttribute("aria-invalid");

  const stored = await getPipeline(request, upstream);
  expect(stored).toMatchObject({ batchPercent: 25, upstream: null });
  expect(await updatesOf(request, upstream)).toEqual([]);
});

test("a viewer gets no settings form, and no page shows a viewer a command line, URL credentials or a secret; admins never see the secret", async ({ page, request }) => {
  const secret = "pipeline-secret-nobody-reads-0123";
  const command = uniqueSlug("set-cmd");
  const hook = uniqueSlug("set-hook");
  await createPipeline(request, command, { webhookSecret: secret, target: { kind: "command", hosts: ["web-1"], checks: [{ name: "Smoke", run: "./smoke --token tok-check-1" }], batch: { run: "./deploy --token tok-batch-1" } } });
  await createPipeline(request, hook, { target: { kind: "webhook", url: "https://deploy:hunter22@deploy.example.com/hook?key=k-query-1", hosts: ["web-1"] } });
  const hidden = [secret, "tok-check-1", "tok-batch-1", "hunter22", "k-query-1"];

  await signIn(page, "viewer");
  for (const path of [`/pipelines/${hook}/settings`, `/pipelines/${command}`, `/pipelines/${command}/settings`]) {
    await page.goto(path);
    const html = await page.content();
    for (const text of hidden) expect(html, `${path} shows ${text}`).not.toContain(text);
  }
  await expect(page.getByTestId("admins-only")).toBeVisible();
  await expect(page.getByTestId("pipeline-settings")).toHaveCount(0);

  await signIn(page, "admin");
  await page.goto(`/pipelines/${command}/settings`);
  await expect(page.getByTestId("secret-state")).toContainText("Set:");
  await expect(page.getByLabel("Batch command")).toHaveValue("./deploy --token tok-batch-1");
  expect(await page.content()).not.toContain(secret);
  await page.getByRole("button", { name: "Replace the secret" }).click();
  await page.getByLabel("New webhook secret").fill("a-new-pipeline-secret-0123456789");
  await save(page);
  expect((await updatesOf(request, command))[0]?.outcome).toBe("changed webhookSecret");
  expect(JSON.stringify(await getPipeline(request, command))).not.toContain("a-new-pipeline-secret");
});

test("an admin adds webhook notifications, reads each delivery's status and attempt, and removes one", async ({ page, request }) => {
  const hits: string[] = [];
  const receiver = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    req.resume();
    res.writeHead(req.url === "/up" ? 200 : 503).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  try {
    const slug = uniqueSlug("set-notify");
    await createPipeline(request, slug);
    await signIn(page, "admin");
    await page.goto(`/pipelines/${slug}/settings`);
    const section = page.getByTestId("notifications");
    await expect(section).toContainText("No notifications");

    const url = section.getByLabel("Notification URL");
    await url.fill("ftp://files.example.com/drop");
    await section.getByRole("button", { name: "Add notification" }).click();
    await expect(url).toHaveAccessibleDescription(/http:\/\/ or https:\/\//);
    for (const path of ["/up", "/down"]) {
      await url.fill(`${base}${path}`);
      await section.getByRole("button", { name: "Add notification" }).click();
      await expect(page.getByTestId("toast").filter({ hasText: "Notification added" }).last()).toBeVisible();
    }
    await expect(section.getByTestId("notification")).toHaveCount(2);
    await expect(section).not.toContainText("/down");

    const locked = await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: "notify the receivers" } });
    expect(locked.status()).toBe(200);
    await eventually(async () => hits.includes("/up") && hits.includes("/down"));
    await page.reload();
    const [up, down] = [section.getByTestId("notification").nth(0), section.getByTestId("notification").nth(1)];
    // Newest first: the last row is each receiver's first attempt (the failing one is retried with backoff).
    await expectDelivery(up.getByTestId("delivery").last(), "delivered", "200");
    await expectDelivery(down.getByTestId("delivery").last(), "failed", "503");

    await down.getByRole("button", { name: /^Remove the webhook notification/ }).click();
    await expect(section.getByTestId("notification")).toHaveCount(1);
    const listed = await (await request.get(`/api/pipelines/${slug}/notifications`, { headers: admin })).json();
    expect(listed.items).toHaveLength(1);
  } finally {
    receiver.close();
  }
});
