import { timingSafeEqual, createHash } from "node:crypto";
import { apiRoute } from "@/lib/api/handler";
import { tick } from "@/lib/engine";
import { unauthorized } from "@/lib/errors";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** For schedulers that call URLs: `Authorization: Bearer $CRON_SECRET`; a 401 while CRON_SECRET is unset. */
function checkCronSecret(request: Request): void {
  const secret = process.env.CRON_SECRET;
  const given = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!secret || !given || !timingSafeEqual(digest(given), digest(secret))) {
    throw unauthorized("send Authorization: Bearer $CRON_SECRET (and set CRON_SECRET on the server)");
  }
}

export const GET = apiRoute({ role: "anyone" }, async ({ request }) => {
  checkCronSecret(request);
  return { ok: true, tick: await tick() };
});
