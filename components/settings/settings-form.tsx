"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { canonicalJson } from "@/lib/json";
import type { PipelineSettingsView } from "@/lib/views/pipeline-settings";
import { sendJson } from "../api";
import { useToast } from "../toast";
import { Button } from "../ui/button";
import { FieldErrors, FormProblem, serverProblem, type ServerProblem } from "./field-errors";
import { GeneralFields } from "./general-fields";
import { SecretField } from "./secret-field";
import { changesOf, settingsDraftOf, type SettingsDraft } from "./settings-draft";
import { TargetEditor } from "./target-editor";
import { UpstreamEditor } from "./upstream-editor";
import { WindowsEditor } from "./windows-editor";

function SettingsEditor({ slug, view }: { slug: string; view: PipelineSettingsView }) {
  const router = useRouter();
  const notify = useToast();
  const [draft, setDraft] = useState(() => settingsDraftOf(view.settings));
  const [problem, setProblem] = useState<ServerProblem | null>(null);
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => setDraft((all) => ({ ...all, [key]: value }));

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => sendJson("PATCH", `/api/pipelines/${slug}`, body),
    onSuccess: () => {
      notify("success", `Saved the settings of ${slug}`);
      set("webhookSecret", "");
      // The page reads the stored settings again; the form starts over from them.
      router.refresh();
    },
    onError: (error) => setProblem(serverProblem(error)),
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setProblem(null);
    const changes = changesOf(view.settings, draft);
    if ("problem" in changes) setProblem(changes.problem);
    else save.mutate(changes.body);
  }

  return (
    <FieldErrors problem={problem}>
      {/* noValidate: the server alone judges the values, and names the field at fault. */}
      <form onSubmit={submit} noValidate className="space-y-5" data-testid="pipeline-settings" aria-label={`Settings of ${slug}`}>
        <GeneralFields draft={draft} set={set} />
        <TargetEditor draft={draft.target} onChange={(target) => set("target", target)} />
        <SecretField isSet={view.webhookSecretSet} value={draft.webhookSecret} onChange={(secret) => set("webhookSecret", secret)} />
        <WindowsEditor windows={draft.windows} onChange={(windows) => set("windows", windows)} choices={view.choices} />
        <UpstreamEditor value={draft.upstream} onChange={(upstream) => set("upstream", upstream)} upstreams={view.choices.upstreams} />
        <FormProblem />
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save settings"}
        </Button>
      </form>
    </FieldErrors>
  );
}

/** PATCH /api/pipelines/:slug with only what changed; after a save the form starts over from what the server stored. */
export function SettingsForm({ slug, view }: { slug: string; view: PipelineSettingsView }) {
  return <SettingsEditor key={canonicalJson(view)} slug={slug} view={view} />;
}
