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
