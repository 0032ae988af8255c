import { z } from "zod";
import { badRequest } from "../errors";
import { idSchema } from "../validation";

/** Cursor paging for list endpoints: `{items, nextCursor}`, newest first, by id. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** A row id read back from a cursor: what `idSchema` accepts (a forged one past int must not reach Postgres). */
export const isRowId = (id: unknown): id is number => idSchema.safeParse(id).success && typeof id === "number";

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const id = Number(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!isRowId(id)) throw badRequest("cursor is not one this API gave out", "cursor");
  return id;
}

const encodeCursor = (id: number) => Buffer.from(String(id)).toString("base64url");

/** Prisma args for a page before the cursor; ask one extra row to know whether more exist. */
export function pageArgs(page: PageQuery) {
  const before = decodeCursor(page.cursor);
  return { where: before ? { id: { lt: before } } : {}, orderBy: { id: "desc" as const }, take: page.limit + 1 };
}

export function toPage<T extends { id: number }, V>(rows: T[], page: PageQuery, shape: (row: T) => V) {
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items: items.map(shape), nextCursor: rows.length > page.limit && last ? encodeCursor(last.id) : null };
}
