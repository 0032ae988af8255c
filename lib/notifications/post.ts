// One POST of a notification: refused before any connection when its URL is
// private (lib/net/outbound-url.ts), else through the guarded POST.
import { guardedPost } from "../net/post";
import { outboundUrlProblem } from "../net/outbound-url";

const REQUEST_TIMEOUT_MS = 10_000;

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export async function postJson(url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
  const problem = outboundUrlProblem(url);
  if (problem) return { ok: false, status: null, error: `refused: ${problem}` };
  const answer = await guardedPost(url, body, headers, { timeoutMs: REQUEST_TIMEOUT_MS });
  if ("error" in answer) return { ok: false, status: null, error: answer.error.message };
  const { status } = answer;
  return status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `answered ${status}` };
}
