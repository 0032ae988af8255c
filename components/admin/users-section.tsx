"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { getJson, sendJson } from "../api";
import type { Page } from "../queries";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Section } from "../ui/section";
import { StaleBanner } from "../ui/stale-banner";
import { cell, phoneHidden, subtle, Table } from "../ui/table";
import { adminKeys, fieldStyle, useAdminMutation, type UserRow } from "./admin-api";

const PEOPLE_ROLES = ["viewer", "deployer", "admin"] as const;

const head = [{ label: "Email" }, { label: "Name", hideOnPhone: true }, { label: "Role" }];

function UserRoleRow({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  const [role, setRole] = useState<string>(user.role);
  const save = useAdminMutation(
    adminKeys.users,
    (next: string) => sendJson<UserRow>("PATCH", `/api/users/${encodeURIComponent(user.id)}`, { role: next }),
    (updated) => `${updated.email ?? updated.name ?? "User"} is now ${updated.role}`,
  );
  const label = user.email ?? user.name ?? user.id;
  const selectId = `role-${user.id}`;
  return (
    <tr data-testid="user-row" data-email={user.email ?? ""}>
      <td className={`${cell} max-w-[14rem]`}>
        <div className="flex min-h-9 flex-wrap items-center gap-x-2 break-all">
          {label}
          {isSelf ? (
            <Badge tone="muted" glyph="●">
              you
            </Badge>
          ) : null}
        </div>
      </td>
      <td className={`${cell} ${phoneHidden} leading-9`}>{user.name ?? <span className={subtle}>—</span>}</td>
      <td className={cell}>
        <form
          className="flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(role);
          }}
        >
          <label htmlFor={selectId} className="sr-only">
            Role of {label}
          </label>
          <select
            id={selectId}
            value={role}
            onChange={(event) => setRole(event.target.value)}
            disabled={isSelf}
            title={isSelf ? "You cannot change your own role" : undefined}
            className={fieldStyle}
          >
            {PEOPLE_ROLES.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
          {isSelf ? null : (
            <Button type="submit" variant={role === user.role ? "secondary" : "primary"} disabled={role === user.role || save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
          )}
        </form>
      </td>
    </tr>
  );
}

/** People who sign in, and their roles (SPEC: viewer < deployer < admin). */
export function UsersSection({ initial, selfId }: { initial: Page<UserRow>; selfId: string | undefined }) {
  const query = useQuery({ queryKey: adminKeys.users, queryFn: () => getJson<Page<UserRow>>("/api/users"), initialData: initial });
  const users = query.data.items;
  return (
    <Section title="Users" id="admin-users" testId="admin-users">
      <StaleBanner error={query.error} />
      {users.length === 0 ? (
        <p className={`text-sm ${subtle}`}>No users yet.</p>
      ) : (
        <Table caption="Users and their roles" head={head}>
          {users.map((user) => (
            // Keyed by role too, so the select starts again from the saved role after a save.
            <UserRoleRow key={`${user.id}:${user.role}`} user={user} isSelf={user.id === selfId} />
          ))}
        </Table>
      )}
    </Section>
  );
}
