import { z } from "zod";
import { badRequest } from "../../errors";

// SPEC "Creating a pipeline" target shapes. Every kind takes stepTimeoutSeconds:
// a batch whose hosts are not all on the release and healthy by then fails (rule 7).
const stepTimeoutSeconds = z.number().int().min(1).max(86_400).default(600);

const simulated = z.object({
  kind: z.literal("simulated"),
  hosts: z.number().int().min(1).max(10_000),
  restartSeconds: z.number().min(0).max(3_600),
  failPercent: z.number().min(0).max(100).default(0),
  /** How long each simulated check takes; unset means min(restartSeconds, 30). */
  checkSeconds: z.number().min(0).max(3_600).optional(),
  stepTimeoutSeconds,
});

const agents = z.object({
  kind: z.literal("agents"),
  stepTimeoutSeconds,
  /** A new host past this many is refused (409). */
  maxHosts: z.number().int().min(1).max(10_000).default(10_000),
  /** A host not seen for this long is unreachable: batches go on without it. */
  hostTimeoutSeconds: z.number().int().min(1).max(3_600).default(15),
});

const shellCommand = z.string().trim().min(1).max(10_000);

const command = z.object({
  kind: z.literal("command"),
  /** Run once per check, with the check's name in the environment. */
  checks: shellCommand,
  /** Run once per rollout batch, with the batch's hosts in the environment. */
  batch: shellCommand,
  stepTimeoutSeconds,
});

const webhook = z.object({
  kind: z.literal("webhook"),
  url: z.url({ protocol: /^https?$/ }),
  stepTimeoutSeconds,
});

export const targetSchema = z.discriminatedUnion("kind", [simulated, agents, command, webhook]);

export type TargetConfig = z.infer<typeof targetSchema>;
export type SimulatedTarget = z.infer<typeof simulated>;
export type AgentsTarget = z.infer<typeof agents>;

/** A pipeline's `target` JSON as a typed config; a 400 on field `target…` when it does not fit. */
export function parseTarget(json: unknown): TargetConfig {
  const parsed = targetSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = ["target", ...issue.path.map(String)].join(".");
  throw badRequest(`${field}: ${issue.message}`, field);
}
