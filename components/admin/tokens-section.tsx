"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { getJson, sendJson } from "../api";
import type { Page } from "../queries";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Dialog } from "../ui/dialog";
import { Section } from "../ui/section";
import { StaleBanner } from "../ui/stale-banner";
import { cell, phoneHidden, subtle, Table } from "../ui/table";
import { RelativeTime } from "../ui/time";
import { adminKeys, createToken, fieldStyle, useAdminMutation, type CreatedToken, type TokenRow } from "./admin-api";

const TOKEN_ROLES = ["viewer", "deployer", "admin", "agent"] as const;

const head = [
  { label: "Name" },
  { label: "Role" },
  { label: "Created by", hideOnPhone: true },
  { label: "Created", hideOnPhone: true },
  { label: "Last used", hideOnPhone: true },
  { label: "Status" },
  { label: "Actions", srOnly: true },
];

/** The new token, once: nobody can read it again (only its hash is stored). */
function TokenShownOnce({ created, onClose }: { created: CreatedToken | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.token).catch(() => {});
    setCopied(true);
  };
  return (
    <Dialog
      open={created !== null}
      onClose={() => {
        setCopied(false);
        onClose();
      }}
      title={created ? `Token “${created.name}” created` : "Token created"}
    >
      {created ? (
        <div className="space-y-4 text-sm">
          <p className="font-medium">Copy it now: it will not be shown again.</p>
          <code data-testid="new-token" className="block select-all break-all rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-800">
            {created.token}
          </code>
          <p className={subtle}>
            Role {created.role}. Send it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>.
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <Button onClick={copy}>{copied ? "Copied" : "Copy token"}</Button>
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

function TextField(props: { id: string; label: string; value: string; onChange: (value: string) => void; maxLength: number; placeholder: string; width: string }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={props.id} className="font-medium">
        {props.label}
      </label>
      <input
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        required
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        className={`${fieldStyle} ${props.width} max-w-full placeholder:text-zinc-500 dark:placeholder:text-zinc-400`}
      />
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (created: CreatedToken) => void }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<string>("deployer");
  const [pipeline, setPipeline] = useState("");
  const isAgent = role === "agent";
  const create = useAdminMutation(adminKeys.tokens, createToken, (created) => `Created token ${created.name} (${created.role})`);
  return (
    <form
      aria-label="Create an API token"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const body = isAgent ? { name: name.trim(), role, pipeline: pipeline.trim() } : { name: name.trim(), role };
        create.mutate(body, { onSuccess: (created) => (setName(""), onCreated(created)) });
      }}
    >
      <TextField id="token-name" label="Token name" value={name} onChange={setName} maxLength={100} placeholder="ci-deployer" width="w-56" />
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="token-role" className="font-medium">
          Token role
        </label>
        <select id="token-role" value={role} onChange={(event) => setRole(event.target.value)} className={fieldStyle}>
          {TOKEN_ROLES.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      </div>
      {isAgent ? (
        <TextField id="token-pipeline" label="Pipeline (slug)" value={pipeline} onChange={setPipeline} maxLength={64} placeholder="web" width="w-40" />
      ) : null}
      <Button type="submit" variant="primary" disabled={name.trim() === "" || (isAgent && pipeline.trim() === "") || create.isPending}>
        {create.isPending ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}

function RevokeButton({ token }: { token: TokenRow }) {
  const [open, setOpen] = useState(false);
  const revoke = useAdminMutation(
    adminKeys.tokens,
    () => sendJson<{ changed: boolean }>("DELETE", `/api/tokens/${token.id}`),
    (result) => (result.changed ? `Revoked token ${token.name}` : `Token ${token.name} was already revoked`),
  );
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={`Revoke token ${token.name}`}>
        Revoke
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Revoke token ${token.name}`}
        confirm="Revoke token"
        variant="danger"
        action={revoke}
        onConfirm={() => revoke.mutate(undefined, { onSuccess: () => setOpen(false) })}
      >
        <p>Anything still using this token gets 401 from now on. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}

/** API tokens for CI, agents, scripts and chat bots (SPEC: stored hashed, shown once). */
export function TokensSection({ initial }: { initial: Page<TokenRow> }) {
  const query = useQuery({ queryKey: adminKeys.tokens, queryFn: () => getJson<Page<TokenRow>>("/api/tokens"), initialData: initial });
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const tokens = query.data.items;
  return (
    <Section title="API tokens" id="admin-tokens" testId="admin-tokens">
      <div className="space-y-4">
        <StaleBanner error={query.error} />
        <CreateTokenForm onCreated={setCreated} />
        {tokens.length === 0 ? (
          <p className={`text-sm ${subtle}`}>No API tokens yet.</p>
        ) : (
          <Table caption="API tokens, newest first" head={head}>
            {tokens.map((token) => (
              <tr key={token.id} data-testid="token-row" data-token-name={token.name}>
                <td className={`${cell} max-w-[12rem] break-words font-medium`}>{token.name}</td>
                <td className={cell}>{token.role}</td>
                <td className={`${cell} ${phoneHidden} max-w-[12rem] break-words`}>{token.createdBy ?? <span className={subtle}>—</span>}</td>
                <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>
                  <RelativeTime at={token.createdAt} />
                </td>
                <td className={`${cell} ${phoneHidden} whitespace-nowrap`}>
                  {token.lastUsedAt ? <RelativeTime at={token.lastUsedAt} /> : <span className={subtle}>never</span>}
                </td>
                <td className={`${cell} whitespace-nowrap`}>
                  {token.revokedAt ? (
                    <span title={`revoked ${token.revokedAt}`}>
                      <Badge tone="bad" glyph="✕">
                        revoked
                      </Badge>
                    </span>
                  ) : (
                    <Badge tone="ok" glyph="✓">
                      active
                    </Badge>
                  )}
                </td>
                <td className={`${cell} text-right`}>{token.revokedAt ? null : <RevokeButton token={token} />}</td>
              </tr>
            ))}
          </Table>
        )}
      </div>
      <TokenShownOnce created={created} onClose={() => setCreated(null)} />
    </Section>
  );
}
