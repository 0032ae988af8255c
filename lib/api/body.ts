import { AppError } from "../errors";
import { decodeUtf8 } from "./text";

/** Bodies over 1 MB are refused before they are read whole (SPEC: 413). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads at most `limit` bytes, whatever Content-Length claimed. */
export async function readCapped(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `the body is over ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit / 1024} KB`}`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return decodeUtf8(Buffer.concat(chunks));
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
