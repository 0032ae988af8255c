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
