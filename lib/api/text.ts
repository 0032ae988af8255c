import { badRequest } from "../errors";

// What Postgres text cannot store (NUL) or UTF-8 cannot encode (a surrogate without its pair).
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether Postgres can store `text` as it is. */
export const isStorable = (text: string): boolean => !UNSTORABLE.test(text);

/** Refuses (400) any string in `value`, keys included, that has a NUL or a lone surrogate. */
export function checkStorable(value: unknown, field?: string): void {
  if (typeof value === "string") {
    if (!isStorable(value)) throw badRequest(`${field ?? "the input"} contains a NUL character or a lone surrogate`, field);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkStorable(item, field ? `${field}.${index}` : String(index)));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      checkStorable(key, field);
      checkStorable(item, field ? `${field}.${key}` : key);
    }
  }
}

const PLAIN_URL = /^[!-$&-~]*$/;

/**
 * Refuses (400) a URL whose path segments or query hold invalid
 * percent-encoding (`%zz`, overlong UTF-8 such as `%C0%AF`) or decode to
 * something unstorable. Checked on the raw URL, before any routing decoded it.
 */
export function checkRawUrl(url: string): void {
  // Printable ASCII with no escapes decodes to itself, which is storable (the agents' hot path).
  if (PLAIN_URL.test(url)) return;
  const { pathname, search } = new URL(url);
  const decode = (part: string, field: string) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      throw badRequest(`${field} has invalid percent-encoding or UTF-8`, field);
    }
    checkStorable(decoded, field);
  };
  for (const segment of pathname.split("/")) decode(segment, "path");
  for (const pair of search.slice(1).split("&")) {
    const [key = "", value = ""] = pair.split("=", 2);
    decode(key, "query");
    decode(value, key && !/%/.test(key) ? key : "query");
  }
}

/** UTF-8 bytes to text, refusing (400) malformed or overlong sequences instead of replacing them. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw badRequest("the body is not valid UTF-8");
  }
}
