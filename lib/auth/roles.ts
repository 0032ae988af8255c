import type { Role } from "../generated/prisma/enums";

export type { Role };

/** What a caller is: a display name for audit events and the role the server checks. */
export type Identity = { actor: string; role: Role; userId?: string; tokenId?: number };

// viewer < deployer < admin. `agent` stands apart: an agent token may only send
// heartbeats, and only an agent token may (not even SHIPBOARD_ADMIN_TOKEN, which
// automation holds and would otherwise impersonate every host).
const rank: Record<Exclude<Role, "agent">, number> = { viewer: 1, deployer: 2, admin: 3 };

export function hasRole(identity: Identity, needed: Role): boolean {
  if (needed === "agent" || identity.role === "agent") return identity.role === needed;
  return rank[identity.role] >= rank[needed];
}
