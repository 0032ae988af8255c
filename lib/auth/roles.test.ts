import { describe, expect, it } from "vitest";
import { hasRole, type Identity, type Role } from "./roles";

const as = (role: Role): Identity => ({ actor: role, role });

describe("hasRole", () => {
  it("ranks viewer < deployer < admin", () => {
    expect(hasRole(as("admin"), "deployer")).toBe(true);
    expect(hasRole(as("deployer"), "deployer")).toBe(true);
    expect(hasRole(as("viewer"), "deployer")).toBe(false);
  });

  it("attack: an agent token is refused by every role but agent, and only an agent token passes as agent (not even admin)", () => {
    for (const needed of ["viewer", "deployer", "admin"] as const) expect(hasRole(as("agent"), needed)).toBe(false);
    expect(hasRole(as("agent"), "agent")).toBe(true);
    for (const role of ["viewer", "deployer", "admin"] as const) expect(hasRole(as(role), "agent")).toBe(false);
  });
});
