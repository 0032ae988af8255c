import { z } from "zod";
import { badRequest } from "../../errors";

// SPEC "Targets" and "Creating a pipeline". Every kind takes stepTimeoutSeconds
// (a step not finished by then fails, rule 7) and its checks, run in parallel
// before the batches.
const stepTimeoutSeconds = z.number().int().min(1).max(86_400).default(600);

export const DEFAULT_CHECKS = ["Test suite rerun", "Staging smoke", "Pre-production smoke"];

const checkName = z.string().trim().min(1).max(100);
const distinct = <T>(key: (item: T) => string) => (items: T[]) => new Set(items.map(key)).size === items.length;

/** Names of the checks of a simulated or agents target; `[]` for none. */
const checkNames = z
  .array(checkName)
  .max(20)
  .refine(distinct((name: string) => name), "check names must differ")
  .default(DEFAULT_CHECKS);

/** The hosts a command or webhook target deploys to, in batches; named in the steps' environment and payloads. */
const hostNames = z
  .array(z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$/, "use letters, digits, dots, dashes, colons"))
  .max(10_000)
  .refine(distinct((name: string) => name), "host names must differ")
  .default([]);

/**
 * SPEC "Guardrails > Metric checks": a Prometheus-compatible instant query
 * sampled every intervalSeconds during each batch and for bakeSeconds after
 * it; more than failuresAllowed breaches (and, with onNoData "fail", queries
 * without a value) fail the release.
 */
export const metricCheckSchema = z.object({
  name: checkName,
  /** The Prometheus server's base URL; the query goes to `{url}/api/v1/query`. */
  url: z.url({ protocol: /^https?$/ }).max(2_000),
  query: z.string().trim().min(1).max(10_000),
  comparison: z.enum([">", "<"]),
  threshold: z.number().finite(),
  intervalSeconds: z.number().int().min(1).max(3_600).default(30),
  failuresAllowed: z.number().int().min(0).max(1_000).default(0),
  bakeSeconds: z.number().int().min(0).max(86_400).default(0),
  onNoData: z.enum(["fail", "ignore"]).default("ignore"),
});

/** A target's metric checks; none by default. */
const metricChecks = z
  .array(metricCheckSchema)
  .max(20)
  .refine(distinct((check: { name: string }) => check.name), "metric check names must differ")
  .default([]);

const simulated = z.object({
  kind: z.literal("simulated"),
  hosts: z.number().int().min(1).max(10_000),
  restartSeconds: z.number().min(0).max(3_600),
  failPercent: z.number().min(0).max(100).default(0),
  /** How long each simulated check takes; unset means min(restartSeconds, 30). */
  checkSeconds: z.number().min(0).max(3_600).optional(),
  checks: checkNames,
  stepTimeoutSeconds,
  metricChecks,
});

const agents = z.object({
  kind: z.literal("agents"),
  checks: checkNames,
  stepTimeoutSeconds,
  metricChecks,
  /** A new host past this many is refused (409). */
  maxHosts: z.number().int().min(1).max(10_000).default(10_000),
  /** A host not seen for this long is unreachable: batches go on without it. */
  hostTimeoutSeconds: z.number().int().min(1).max(3_600).default(15),
});

const shellCommand = z.string().trim().min(1).max(10_000);

const command = z.object({
  kind: z.literal("command"),
  hosts: hostNames,
  /** Each check runs its own command line (SHIPBOARD_CHECK names it); none by default, since a check needs a command. */
  checks: z
    .array(z.object({ name: checkName, run: shellCommand }))
    .max(20)
    .refine(distinct((check: { name: string }) => check.name), "check names must differ")
    .default([]),
  /** Run once per rollout batch, with the batch's hosts in the environment. */
  batch: z.object({ run: shellCommand }),
  stepTimeoutSeconds,
  metricChecks,
});

const webhook = z.object({
  kind: z.literal("webhook"),
  url: z.url({ protocol: /^https?$/ }).max(2_000),
  hosts: hostNames,
  checks: z
    .array(z.object({ name: checkName }))
    .max(20)
    .refine(distinct((check: { name: string }) => check.name), "check names must differ")
    .default(DEFAULT_CHECKS.map((name) => ({ name }))),
  stepTimeoutSeconds,
  metricChecks,
});

export const targetSchema = z.discriminatedUnion("kind", [simulated, agents, command, webhook]);

export type TargetConfig = z.infer<typeof targetSchema>;
export type SimulatedTarget = z.infer<typeof simulated>;
export type AgentsTarget = z.infer<typeof agents>;
export type CommandTarget = z.infer<typeof command>;
export type WebhookTarget = z.infer<typeof webhook>;
export type MetricCheck = z.infer<typeof metricCheckSchema>;

/** The names of a target's checks, in the order they are planned. */
export function checkNamesOf(config: TargetConfig): string[] {
  return config.checks.map((check) => (typeof check === "string" ? check : check.name));
}

/** A pipeline's `target` JSON as a typed config; a 400 on field `target…` when it does not fit. */
export function parseTarget(json: unknown): TargetConfig {
  const parsed = targetSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = ["target", ...issue.path.map(String)].join(".");
  throw badRequest(`${field}: ${issue.message}`, field);
}
