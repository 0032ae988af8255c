import { expect, test, type Page } from "@playwright/test";
import { admin, createPipeline, eventually, getPipeline, liveBuildId, sendBuild, uniqueSlug } from "./api";
import { signIn } from "./auth";

/** What CI and people send is shown as text on every page, never run as markup. */

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>alert(2)</script>";

/** Any alert() at all means markup ran: recorded here and failed on. */
const dialogs: string[] = [];

/** The build's strings are shown on their own (exact); the lock reason sits inside a sentence ("Locked by … : <reason>"). */
async function expectInert(page: Page, path: string, shows: { img: boolean; script: boolean }) {
  await page.goto(path);
  // Pages lay some lists out twice (a table on desktops, cards on phones): look at the copy on screen.
  if (shows.img) await expect(page.getByText(IMG, { exact: true }).filter({ visible: true }).first(), `${path} shows ${IMG}`).toBeVisible();
  if (shows.script) await expect(page.getByText(SCRIPT).filter({ visible: true }).first(), `${path} shows ${SCRIPT}`).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator("script", { hasText: "alert(2)" })).toHaveCount(0);
  expect(dialogs, `no script ran by ${path}`).toEqual([]);
}

test("a build's message and author and a lock reason full of markup stay text on every page that shows them", async ({ page, request }) => {
  test.setTimeout(120_000);
  const slug = uniqueSlug("ui-xss");
  await createPipeline(request, slug);
  const build = await sendBuild(request, slug, { message: IMG, author: IMG });
  await eventually(async () => (await liveBuildId(request, slug)) === build, 45_000);
  expect((await request.post(`/api/pipelines/${slug}/lock`, { headers: admin, data: { reason: SCRIPT } })).status()).toBe(200);
  const pipeline = await getPipeline(request, slug);

  page.on("dialog", (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  await signIn(page, "admin");
  await expectInert(page, "/", { img: true, script: true });
  await expectInert(page, `/pipelines/${slug}`, { img: true, script: true });
  await expectInert(page, `/releases/${pipeline.currentRelease.id}`, { img: true, script: false });
  await expectInert(page, `/builds/${build}`, { img: true, script: false });
  await expectInert(page, `/audit?pipeline=${slug}`, { img: false, script: true });
});
