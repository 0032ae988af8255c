import path from "node:path";
import { z } from "zod";

/** A bad setting: start-up prints `message` as one line and exits non-zero. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

const port = z.coerce.number({ error: "must be a port number from 1 to 65535" }).int().min(1).max(65535);

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}, "must be a postgres:// or postgresql:// URL with a host");

const flag = z.enum(["0", "1"]);

const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}, "must be an http:// or https:// URL");

// One entry per setting of SPEC "Running it"; empty strings count as unset.
const schema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  PORT: port.default(3000),
  SHIPBOARD_DATA_DIR: z.string().default(".shipboard"),
  SHIPBOARD_TICK_MS: z.coerce.number({ error: "must be milliseconds, e.g. 2000" }).int().min(50).max(3_600_000).default(2000),
  SHIPBOARD_JOB_CONCURRENCY: z.coerce.number({ error: "must be a whole number, e.g. 8" }).int().min(1).max(1_000).default(8),
  SHIPBOARD_STEP_CONCURRENCY: z.coerce.number({ error: "must be a whole number, e.g. 4" }).int().min(1).max(1_000).default(4),
  SHIPBOARD_WEBHOOK_SECRET: z.string().optional(),
  CRON_SECRET: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  SHIPBOARD_ADMIN_EMAIL: z.email().optional(),
  SHIPBOARD_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  SHIPBOARD_ADMIN_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  SHIPBOARD_DEMO: flag.optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  SHIPBOARD_GITHUB_ORG: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, "must be a GitHub organization login, e.g. acme").optional(),
  OIDC_ISSUER: httpUrl.optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().optional(),
  // Never admin: a stranger with an allowed SSO account must not become admin by signing in.
  SHIPBOARD_DEFAULT_ROLE: z.enum(["viewer", "deployer"], { error: "must be viewer or deployer" }).default("viewer"),
  SHIPBOARD_ALLOWED_DOMAINS: z
    .string()
    .transform((value) => value.split(",").map((domain) => domain.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))
    .refine((domains) => domains.every((domain) => /^[a-z0-9.-]+\.[a-z0-9-]+$/.test(domain)), "must be comma-separated email domains, e.g. example.com,example.org")
    .optional(),
  SHIPBOARD_PUBLIC_BADGES: flag.optional(),
  SHIPBOARD_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SHIPBOARD_SLACK_USERS: z
    .string()
    .transform((value) => value.split(",").map((pair) => pair.trim()).filter(Boolean).map((pair) => pair.split("=").map((part) => part.trim())))
    .refine((pairs) => pairs.every((pair) => pair.length === 2 && /^[^\s@]+@[^\s@]+$/.test(pair[0]!) && /^[UW][A-Z0-9]{2,}$/.test(pair[1]!)), "must be comma-separated email=MEMBERID pairs, e.g. ada@example.com=U024BE7LH")
    .transform((pairs) => Object.fromEntries(pairs.map(([email, member]) => [email!.toLowerCase(), member!])))
    .optional(),
});

export type Config = {
  databaseUrl: string | undefined;
  port: number;
  dataDir: string;
  tickMs: number;
  /** Jobs of the queue (lib/jobs) one worker process runs at once. */
  jobConcurrency: number;
  /** Commands of command targets one worker process runs at once. */
  stepConcurrency: number;
  webhookSecret: string | undefined;
  cronSecret: string | undefined;
  authSecret: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  adminToken: string | undefined;
  /** undefined: the default (seed a new embedded database, never an external one). */
  demo: boolean | undefined;
  /** GitHub OAuth: enabled when both are set. */
  github: { clientId: string; clientSecret: string } | undefined;
  /** GitHub sign-in only for active members of this organization; undefined: anyone. */
  githubOrg: string | undefined;
  /** Generic OpenID Connect provider: enabled when issuer, client id and secret are set. */
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
  /** The role of a user created by an OAuth/OIDC sign-in. */
  defaultRole: "viewer" | "deployer";
  /** Email domains allowed to sign in with OAuth/OIDC; undefined: any. */
  allowedDomains: string[] | undefined;
  /** Status badges readable without signing in. */
  publicBadges: boolean;
  /** A bearer secret for Prometheus scrapes of /metrics (besides viewer tokens). */
  metricsToken: string | undefined;
  /** Slack member ids by (lower-case) email, to mention commit authors. */
  slackUsers: Record<string, string>;
};

// Their values never appear in an error: logs are read by more people than the secrets are.
const SECRET_SETTINGS = new Set([
  "DATABASE_URL", "SHIPBOARD_WEBHOOK_SECRET", "CRON_SECRET", "AUTH_SECRET", "SHIPBOARD_ADMIN_PASSWORD",
  "SHIPBOARD_ADMIN_TOKEN", "GITHUB_SECRET", "OIDC_CLIENT_SECRET",
]);

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = schema.safeParse({ ...present, AUTH_SECRET: present.AUTH_SECRET ?? present.NEXTAUTH_SECRET });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0]);
    const got = SECRET_SETTINGS.has(setting) ? "" : ` (got ${JSON.stringify(present[setting] ?? "")})`;
    throw new ConfigError(setting, `${issue.message}${got}`);
  }
  const s = parsed.data;
  // A provider is enabled by its settings; half of them is a mistake, not "disabled".
  const together: string[][] = [["GITHUB_ID", "GITHUB_SECRET"], ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]];
  for (const group of together) {
    const missing = group.filter((setting) => present[setting] === undefined);
    if (missing.length > 0 && missing.length < group.length) {
      const given = group.filter((setting) => !missing.includes(setting));
      throw new ConfigError(missing[0]!, `must be set when ${given.join(" and ")} ${given.length > 1 ? "are" : "is"}`);
    }
  }
  return {
    databaseUrl: s.DATABASE_URL,
    port: s.PORT,
    dataDir: path.resolve(s.SHIPBOARD_DATA_DIR),
    tickMs: s.SHIPBOARD_TICK_MS,
    jobConcurrency: s.SHIPBOARD_JOB_CONCURRENCY,
    stepConcurrency: s.SHIPBOARD_STEP_CONCURRENCY,
    webhookSecret: s.SHIPBOARD_WEBHOOK_SECRET,
    cronSecret: s.CRON_SECRET,
    authSecret: s.AUTH_SECRET,
    adminEmail: s.SHIPBOARD_ADMIN_EMAIL,
    adminPassword: s.SHIPBOARD_ADMIN_PASSWORD,
    adminToken: s.SHIPBOARD_ADMIN_TOKEN,
    demo: s.SHIPBOARD_DEMO === undefined ? undefined : s.SHIPBOARD_DEMO === "1",
    github: s.GITHUB_ID && s.GITHUB_SECRET ? { clientId: s.GITHUB_ID, clientSecret: s.GITHUB_SECRET } : undefined,
    githubOrg: s.SHIPBOARD_GITHUB_ORG,
    oidc:
      s.OIDC_ISSUER && s.OIDC_CLIENT_ID && s.OIDC_CLIENT_SECRET
        ? { issuer: s.OIDC_ISSUER.replace(/\/+$/, ""), clientId: s.OIDC_CLIENT_ID, clientSecret: s.OIDC_CLIENT_SECRET, name: s.OIDC_NAME ?? "SSO" }
        : undefined,
    defaultRole: s.SHIPBOARD_DEFAULT_ROLE,
    allowedDomains: s.SHIPBOARD_ALLOWED_DOMAINS?.length ? s.SHIPBOARD_ALLOWED_DOMAINS : undefined,
    publicBadges: s.SHIPBOARD_PUBLIC_BADGES === "1",
    metricsToken: s.SHIPBOARD_METRICS_TOKEN,
    slackUsers: s.SHIPBOARD_SLACK_USERS ?? {},
  };
}
