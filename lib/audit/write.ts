import type { Prisma } from "../db";

/** Every action an audit row records (SPEC "Audit event"). */
export type AuditAction =
  | "pipeline.create"
  | "pipeline.update"
  | "lock"
  | "unlock"
  | "promote"
  | "rollback"
  | "deploy"
  | "release.failed"
  | "release.fail"
  | "freeze.create"
  | "freeze.delete"
  | "emergency-stop"
  | "emergency-stop.lift"
  | "token.create"
  | "token.revoke"
  | "user.create"
  | "user.invite"
  | "user.role"
  | "user.disable"
  | "user.password"
  | "signin"
  | "signin.failed"
  | "signout";

export type AuditEntry = {
  at?: Date;
  actor: string;
  action: AuditAction;
  pipelineId?: number | null;
  releaseId?: number | null;
  reason?: string | null;
  outcome: string;
  detail?: Prisma.InputJsonValue;
};

/** Anything that can create an audit row: the Prisma client or a transaction of it. */
type AuditWriter = { auditEvent: { create: (args: { data: AuditEntry; select: { id: true } }) => Promise<unknown> } };

/**
 * The one way to write an audit row. Pass the transaction of the change the
 * row records, so the change and its audit commit together or not at all.
 */
export async function audit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: entry, select: { id: true } });
}
