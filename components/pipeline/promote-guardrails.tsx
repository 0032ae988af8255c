"use client";

import { useQuery } from "@tanstack/react-query";
import type { Blocker } from "@/lib/engine";
import { getJson } from "../api";

type Guardrail = Omit<Blocker, "until"> & { until?: string };

/** The guardrails (bake, freeze, windows) the engine says a promote of this build would go past: a reason is then required. */
export function usePromoteGuardrails(slug: string, buildId: number | null) {
  const query = useQuery({
    queryKey: ["pipeline", slug, "promote", buildId],
    queryFn: () => getJson<{ guardrails: Guardrail[] }>(`/api/pipelines/${slug}/promote?buildId=${buildId}`),
    enabled: buildId !== null,
  });
  return query.data?.guardrails ?? [];
}

/** The guardrails an action by hand goes past, in the engine's words, with what they mean here (the dialog then asks why). */
export function GuardrailsNotice({ guardrails, intro, outro, testId }: {
  guardrails: { code: string; message: string }[];
  intro: string;
  outro: string;
  testId: string;
}) {
  if (guardrails.length === 0) return null;
  return (
    <div data-testid={testId} className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-medium">{intro}</p>
      <ul className="list-disc pl-5">
        {guardrails.map((guardrail) => (
          <li key={guardrail.code}>{guardrail.message}</li>
        ))}
      </ul>
      <p>{outro}</p>
    </div>
  );
}

/** Says what CD would wait for, and that deploying by hand goes past it. */
export function PromoteGuardrails({ guardrails }: { guardrails: Guardrail[] }) {
  return (
    <GuardrailsNotice
      guardrails={guardrails}
      testId="promote-guardrails"
      intro="Continuous deployment would not deploy this build now:"
      outro="Deploying by hand is allowed (a human decision) and goes past this; it is audited with your reason."
    />
  );
}
