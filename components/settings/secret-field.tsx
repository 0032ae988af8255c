"use client";

import { useState } from "react";
import { Button } from "../ui/button";
import { Section } from "../ui/section";
import { hintStyle } from "./field-errors";
import { TextField } from "./inputs";

/**
 * The pipeline's signing secret (SPEC "Targets"): write-only. The page knows
 * only whether one is set; an admin may type a replacement, never read it.
 */
export function SecretField({ isSet, value, onChange }: { isSet: boolean; value: string; onChange: (value: string) => void }) {
  const [replacing, setReplacing] = useState(false);
  return (
    <Section title="Signing secret" id="settings-secret">
      <p className={`${hintStyle} mb-3`} data-testid="secret-state">
        {isSet
          ? "Set: this pipeline signs its webhooks (CI deliveries, webhook steps, notifications) with its own secret."
          : "Not set: this pipeline's webhooks use the server's SHIPBOARD_WEBHOOK_SECRET."}
      </p>
      {replacing ? (
        <TextField
          name="webhookSecret"
          label={isSet ? "New webhook secret" : "Webhook secret"}
          hint="Saved with the settings; never shown again. Give the same secret to your CI and receivers."
          type="password"
          autoComplete="new-password"
          value={value}
          onChange={onChange}
        />
      ) : (
        <Button onClick={() => setReplacing(true)}>{isSet ? "Replace the secret" : "Set a secret"}</Button>
      )}
    </Section>
  );
}
