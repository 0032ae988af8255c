import type { ConnectCi, SecretState } from "@/lib/views/connect-ci";
import { Badge } from "../ui/badge";
import { Section, SubHeading } from "../ui/section";
import { cell, phoneHidden, subtle, Table } from "../ui/table";
import { RelativeTime } from "../ui/time";
import type { Tone } from "../ui/tone";

const SECRET_WORDS: Record<SecretState, { tone: Tone; glyph: string; label: string; text: string }> = {
  pipeline: { tone: "ok", glyph: "✓", label: "Own secret", text: "This pipeline's own secret is set." },
  server: { tone: "warn", glyph: "!", label: "Server's secret", text: "No secret of its own: deliveries are checked with the server's SHIPBOARD_WEBHOOK_SECRET." },
  none: { tone: "bad", glyph: "✕", label: "No secret", text: "Every delivery is refused until an admin sets a secret." },
};

const OUTCOME_TONE: Record<string, Tone> = { recorded: "ok", ignored: "muted", duplicate: "muted", unmatched: "warn", refused: "bad" };

/** Onboarding without a terminal: where each CI sends its webhooks, what signs them, and what arrived. Admins only. */
export function ConnectCiPanel({ ci }: { ci: ConnectCi }) {
  const secret = SECRET_WORDS[ci.secret];
  return (
    <Section title="Connect CI" id="connect-ci" testId="connect-ci">
      <p className="mb-3 text-sm">
        Builds of <code>{ci.repository}</code> on <code>{ci.branch}</code>
        {ci.ciWorkflows.length > 0 ? <> from the workflows {ci.ciWorkflows.map((w) => `“${w}”`).join(", ")}</> : <> from every workflow</>}.
      </p>
      <p className="mb-3 text-sm" data-testid="secret-state">
        <Badge tone={secret.tone} glyph={secret.glyph}>{secret.label}</Badge> {secret.text}
      </p>
      <ul className="mb-4 space-y-2 text-sm">
        {ci.webhooks.map((hook) => (
          <li key={hook.provider} data-testid="webhook-url">
            <span className="font-medium capitalize">{hook.provider}</span>: <code className="break-all">{hook.url}</code>
            <span className={`block ${subtle}`}>{hook.events} · {hook.signature}</span>
          </li>
        ))}
      </ul>
      <SubHeading>Last deliveries</SubHeading>
      {ci.deliveries.length === 0 ? (
        <p className={`text-sm ${subtle}`}>Nothing has arrived yet.</p>
      ) : (
        <Table caption="Last webhook deliveries, newest first" head={[{ label: "Outcome" }, { label: "Provider" }, { label: "Event", hideOnPhone: true }, { label: "Why" }, { label: "When" }]}>
          {ci.deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery-row">
              <td className={cell}>
                <Badge tone={OUTCOME_TONE[d.outcome] ?? "muted"} glyph={String(d.status)}>{d.outcome}</Badge>
              </td>
              <td className={cell}>{d.provider}</td>
              <td className={`${cell} ${phoneHidden} ${subtle}`}>{d.event ?? "—"}</td>
              <td className={`${cell} max-w-[24rem] truncate`} title={d.reason ?? undefined}>{d.reason ?? "—"}</td>
              <td className={`${cell} whitespace-nowrap`}><RelativeTime at={d.receivedAt} /></td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
