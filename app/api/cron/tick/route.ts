import { apiRoute } from "@/lib/api/handler";
import { tick } from "@/lib/engine";
import { unauthorized } from "@/lib/errors";
import { safeEqual } from "@/lib/secrets";

/** For schedulers that call URLs: `Authorization: Bearer $CRON_SECRET`; a 401 while CRON_SECRET is unset. */
function checkCronSecret(request: Request): void {
  const secret = process.env.CRON_SECRET;
  const given = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!secret || !given || !safeEqual(given, secret)) {
    throw unauthorized("send Authorization: Bearer $CRON_SECRET (and set CRON_SECRET on the server)");
  }
}

export const GET = apiRoute({ role: "anyone" }, async ({ request }) => {
  checkCronSecret(request);
  return { ok: true, tick: await tick() };
});
