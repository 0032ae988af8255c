import { AppError } from "../errors";

/** Bodies over 1 MB are refused before they are read whole (SPEC: 413). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads at most MAX_BODY_BYTES, whatever Content-Length claimed. */
export async function readCapped(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new AppError("payload_too_large", "the body is over 1 MB");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The raw text of a JSON body (for signature checks over the exact bytes): 415 unless JSON, 413 over 1 MB. */
export async function readJsonText(request: Request): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "send the body as JSON with Content-Type: application/json");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large", "the body is over 1 MB");
  return readCapped(request);
}
