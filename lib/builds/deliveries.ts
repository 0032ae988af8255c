// The recent deliveries of each pipeline (its "Connect CI" panel) and the
// delivery ids already recorded (dedupe); both tables stay small.
import { pool } from "../db";
import type { Provider } from "../webhooks/types";

export type DeliveryOutcome = "recorded" | "ignored" | "duplicate" | "refused" | "unmatched";

export type DeliveryLogEntry = {
  pipelineId: number;
  provider: Provider;
  outcome: DeliveryOutcome;
  status: number;
  reason: string | null;
  event: string | null;
  deliveryId: string | null;
};

/** Rows kept per pipeline, and how long a delivery id is remembered for dedupe. */
export const DELIVERIES_KEPT = 50;
const DEDUPE_DAYS = 7;
/** Pruning runs on about one delivery in PRUNE_EVERY, so it costs nothing on the hot path. */
const PRUNE_EVERY = 64;

/** Logs deliveries that recorded nothing (recorded ones are logged by the upsert itself). */
export async function logDeliveries(entries: DeliveryLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const column = <K extends keyof DeliveryLogEntry>(key: K) => entries.map((entry) => entry[key]);
  await pool().query(
    `INSERT INTO "CiDelivery" ("pipelineId", provider, outcome, status, reason, event, "deliveryId")
     SELECT * FROM unnest($1::int[], $2::"BuildProvider"[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[])`,
    [column("pipelineId"), column("provider"), column("outcome"), column("status"),
      column("reason").map((r) => r?.slice(0, 500) ?? null), column("event"), column("deliveryId")],
  );
  // Refused deliveries are unauthenticated writes: the log stays bounded whatever arrives.
  await pruneDeliveries([...new Set(column("pipelineId"))]);
}

export async function pruneDeliveries(pipelineIds: number[], random = Math.random()): Promise<void> {
  if (random * PRUNE_EVERY >= 1) return;
  await pool().query(`DELETE FROM "WebhookDelivery" WHERE "receivedAt" < now() - make_interval(days => $1)`, [DEDUPE_DAYS]);
  await pool().query(
    `DELETE FROM "CiDelivery" c USING unnest($1::int[]) AS p(id)
     WHERE c."pipelineId" = p.id AND c.id < (
       SELECT k.id FROM "CiDelivery" k WHERE k."pipelineId" = p.id ORDER BY k.id DESC OFFSET $2 - 1 LIMIT 1)`,
    [pipelineIds, DELIVERIES_KEPT],
  );
}

export async function recentDeliveries(pipelineId: number) {
  const { rows } = await pool().query<{ id: number; provider: Provider; outcome: DeliveryOutcome; status: number; reason: string | null; event: string | null; deliveryId: string | null; receivedAt: Date }>(
    `SELECT id, provider, outcome, status, reason, event, "deliveryId", "receivedAt" FROM "CiDelivery"
     WHERE "pipelineId" = $1 ORDER BY id DESC LIMIT $2`,
    [pipelineId, DELIVERIES_KEPT],
  );
  return rows.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() }));
}
