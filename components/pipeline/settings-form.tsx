"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "../api";
import { useToast } from "../toast";
import { Button } from "../ui/button";
import { Section } from "../ui/section";

/** The settings an admin edits; the target whole (checks, commands or URL), as JSON. */
export type PipelineSettings = {
  slug: string;
  name: string;
  branch: string;
  autoDeploy: boolean;
  autoRollback: boolean;
  batchPercent: number;
  target: unknown;
};

const input = "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100";

function Field({ label, hint, children }: { label: string; hint?: string; children: React.ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium">{label}</span>
      {children}
      {hint ? <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">{hint}</span> : null}
    </label>
  );
}

/** PATCH /api/pipelines/:slug with only what changed; the server checks every field (400 names the one at fault). */
export function SettingsForm({ initial }: { initial: PipelineSettings }) {
  const router = useRouter();
  const notify = useToast();
  const [name, setName] = useState(initial.name);
  const [branch, setBranch] = useState(initial.branch);
  const [autoDeploy, setAutoDeploy] = useState(initial.autoDeploy);
  const [autoRollback, setAutoRollback] = useState(initial.autoRollback);
  const [batchPercent, setBatchPercent] = useState(String(initial.batchPercent));
  const [target, setTarget] = useState(JSON.stringify(initial.target, null, 2));
  const [secret, setSecret] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => sendJson("PATCH", `/api/pipelines/${initial.slug}`, body),
    onSuccess: () => {
      notify("success", `Saved the settings of ${initial.slug}`);
      setSecret("");
      router.refresh();
    },
    onError: (error) => setProblem(error.message),
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setProblem(null);
    let parsedTarget: unknown;
    try {
      parsedTarget = JSON.parse(target);
    } catch {
      setProblem("target: not valid JSON");
      return;
    }
    const next: Record<string, unknown> = { name, branch, autoDeploy, autoRollback, batchPercent: Number(batchPercent), target: parsedTarget };
    const before = initial as unknown as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])));
    if (secret !== "") changed.webhookSecret = secret;
    if (Object.keys(changed).length === 0) {
      setProblem("Nothing changed.");
      return;
    }
    save.mutate(changed);
  }

  return (
    <form onSubmit={submit} className="space-y-5" data-testid="pipeline-settings">
      <Section title="Pipeline" id="settings-pipeline">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name">
            <input className={input} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
          </Field>
          <Field label="Branch" hint="Continuous deployment follows green builds of this branch.">
            <input className={input} value={branch} onChange={(e) => setBranch(e.target.value)} required maxLength={255} />
          </Field>
          <Field label="Batch size (% of hosts)">
            <input className={input} type="number" min={1} max={100} value={batchPercent} onChange={(e) => setBatchPercent(e.target.value)} required />
          </Field>
          <div className="space-y-2 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={autoDeploy} onChange={(e) => setAutoDeploy(e.target.checked)} /> Auto-deploy the newest green build
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={autoRollback} onChange={(e) => setAutoRollback(e.target.checked)} /> Roll back by itself when a batch fails
            </label>
          </div>
        </div>
      </Section>
      <Section title="Target" id="settings-target">
        <Field label="Target (JSON)" hint='kind, stepTimeoutSeconds and checks; command: hosts, checks [{name, run}], batch {run}; webhook: url, hosts, checks [{name}].'>
          <textarea className={`${input} font-mono`} rows={14} value={target} onChange={(e) => setTarget(e.target.value)} spellCheck={false} />
        </Field>
      </Section>
      <Section title="Signing secret" id="settings-secret">
        <Field label="New webhook secret" hint="Signs CI webhooks, step webhooks and notifications of this pipeline. Write-only: leave empty to keep the current one.">
          <input className={input} type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} minLength={16} maxLength={512} />
        </Field>
      </Section>
      {problem ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100">
          {problem}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
