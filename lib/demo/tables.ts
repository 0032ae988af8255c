// Bulk writes for the demo data: one multi-row INSERT … SELECT FROM unnest(…)
// per table, so months of history go in with a handful of statements.
import type pg from "pg";
import { sqlTimestamp } from "./time";

export type Queryable = Pick<pg.PoolClient, "query">;

/** One column: its Postgres type (arrays of it are sent), the row's value, and an optional SQL wrapper. */
export type Column<R> = { name: string; type: string; value: (row: R) => unknown; wrap?: (sql: string) => string };

export const column = <R>(name: string, type: string, value: (row: R) => unknown): Column<R> => ({ name, type, value });

/** A `timestamp` column from epoch milliseconds. */
export const timestampColumn = <R>(name: string, value: (row: R) => number | null): Column<R> =>
  column(name, "timestamp", (row: R) => sqlTimestamp(value(row)));

/** Inserts every row in one statement; `suffix` may add e.g. ON CONFLICT. Returns the rows inserted. */
export async function insertRows<R>(client: Queryable, table: string, columns: Column<R>[], rows: readonly R[], suffix = ""): Promise<number> {
  if (rows.length === 0) return 0;
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const values = columns.map((c, i) => (c.wrap ? c.wrap(aliases[i]!) : aliases[i]!)).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values} FROM unnest(${unnest}) AS t(${aliases.join(", ")}) ${suffix}`;
  const result = await client.query(sql, columns.map((c) => rows.map(c.value)));
  return result.rowCount ?? 0;
}

/** `count` fresh ids from the table's own sequence, in ascending order, so rows can reference each other before insert. */
export async function allocateIds(client: Queryable, table: string, count: number): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence($1, 'id'))::int AS id FROM generate_series(1, $2)`,
    [`"${table}"`, count],
  );
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

export type BuildRow = {
  id: number;
  pipelineId: number;
  provider: string;
  externalId: string;
  number: number;
  commitSha: string;
  message: string;
  author: string;
  branch: string;
  url: string;
  state: string;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  committedAt: number;
};

/** Shared by the seed and the live feed, so a demo build looks the same whichever wrote it. */
export const BUILD_COLUMNS: Column<BuildRow>[] = [
  column("id", "int", (b) => b.id),
  column("pipelineId", "int", (b) => b.pipelineId),
  column("provider", `"BuildProvider"`, (b) => b.provider),
  column("externalId", "text", (b) => b.externalId),
  column("number", "int", (b) => b.number),
  column("commitSha", "text", (b) => b.commitSha),
  column("message", "text", (b) => b.message),
  column("author", "text", (b) => b.author),
  column("branch", "text", (b) => b.branch),
  column("url", "text", (b) => b.url),
  column("state", `"BuildState"`, (b) => b.state),
  timestampColumn("createdAt", (b) => b.createdAt),
  timestampColumn("startedAt", (b) => b.startedAt),
  timestampColumn("finishedAt", (b) => b.finishedAt),
  timestampColumn("committedAt", (b) => b.committedAt),
  timestampColumn("receivedAt", (b) => b.createdAt),
  timestampColumn("updatedAt", (b) => b.finishedAt ?? b.startedAt ?? b.createdAt),
];
