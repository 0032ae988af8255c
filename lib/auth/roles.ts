import type { Role } from "../generated/prisma/enums";

export type { Role };

/** What a caller is: a display name for audit events and the role the server checks. */
export type Identity = { actor: string; role: Role; userId?: string; tokenId?: number };

// viewer < deployer < admin; `agent` may only send heartbeats (server/agent-route.ts), so it passes no other role check.
const rank: Record<Role, number> = { agent: 0, viewer: 1, deployer: 2, admin: 3 };

export function hasRole(identity: Identity, needed: Role): boolean {
  if (needed === "agent") return identity.role === "agent";
  return identity.role !== "agent" && rank[identity.role] >= rank[needed];
}
