"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { getJson, postJson, sendJson } from "../api";
import type { Page } from "../queries";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Section } from "../ui/section";
import { StaleBanner } from "../ui/stale-banner";
import { cell, phoneHidden, subtle, Table } from "../ui/table";
import { adminKeys, fieldStyle, useAdminMutation, type UserRow } from "./admin-api";

const PEOPLE_ROLES = ["viewer", "deployer", "admin"] as const;

const head = [{ label: "Email" }, { label: "Name", hideOnPhone: true }, { label: "Role" }, { label: "Access" }];

/** Disable (sessions and tokens stop at once) or enable a user again. */
function AccessButton({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  const toggle = useAdminMutation(
    adminKeys.users,
    (disabled: boolean) => sendJson<UserRow>("PATCH", `/api/users/${encodeURIComponent(user.id)}`, { disabled }),
    (updated) => `${updated.email ?? "User"} is now ${updated.disabled ? "disabled" : "enabled"}`,
  );
  if (isSelf) return <span className={`text-sm ${subtle}`}>—</span>;
  return (
    <Button variant={user.disabled ? "secondary" : "danger"} disabled={toggle.isPending} onClick={() => toggle.mutate(!user.disabled)}>
      {user.disabled ? "Enable" : "Disable"}
      <span className="sr-only"> {user.email}</span>
    </Button>
  );
}

/** Invite a colleague: the one-time link is shown here for the admin to pass on (no email server needed). */
function InviteForm() {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<string>("viewer");
  const [link, setLink] = useState<string | null>(null);
  const invite = useAdminMutation(
    adminKeys.users,
    (body: { email: string; role: string }) => postJson<{ email: string; inviteUrl: string }>("/api/users", body),
    (created) => `Invited ${created.email}`,
  );
  return (
    <div className="space-y-2">
      <form
        aria-label="Invite a user"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          invite.mutate({ email: email.trim(), role }, { onSuccess: (created) => (setEmail(""), setLink(created.inviteUrl)) });
        }}
      >
        <label className="flex flex-col gap-1 text-sm">
          Email
          <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} className={fieldStyle} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Role
          <select value={role} onChange={(event) => setRole(event.target.value)} className={fieldStyle}>
            {PEOPLE_ROLES.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="primary" disabled={invite.isPending || email.trim() === ""}>
          {invite.isPending ? "Inviting…" : "Invite"}
        </Button>
      </form>
      {link ? (
        <p className="text-sm">
          Pass this one-time link on (shown once, valid 7 days):{" "}
          <code data-testid="invite-url" className="select-all break-all rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">
            {link}
          </code>
        </p>
      ) : null}
    </div>
  );
}

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
          {user.invitePending ? (
            <Badge tone="muted" glyph="✉">
              invited
            </Badge>
          ) : null}
          {user.disabled ? (
            <Badge tone="muted" glyph="⊘">
              disabled
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
      <td className={cell}>
        <AccessButton user={user} isSelf={isSelf} />
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
      <InviteForm />
      {users.length === 0 ? (
        <p className={`text-sm ${subtle}`}>No users yet.</p>
      ) : (
        <Table caption="Users and their roles" head={head}>
          {users.map((user) => (
            // Keyed by role too, so the select starts again from the saved role after a save.
            <UserRoleRow key={`${user.id}:${user.role}:${user.disabled}`} user={user} isSelf={user.id === selfId} />
          ))}
        </Table>
      )}
    </Section>
  );
}
