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

// One entry per setting of SPEC "Running it"; empty strings count as unset.
const schema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  PORT: port.default(3000),
  SHIPBOARD_DATA_DIR: z.string().default(".shipboard"),
  SHIPBOARD_TICK_MS: z.coerce.number({ error: "must be milliseconds, e.g. 2000" }).int().min(50).max(3_600_000).default(2000),
  SHIPBOARD_WEBHOOK_SECRET: z.string().optional(),
  CRON_SECRET: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  SHIPBOARD_ADMIN_EMAIL: z.email().optional(),
  SHIPBOARD_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  SHIPBOARD_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SHIPBOARD_DEMO: flag.optional(),
});

export type Config = {
  databaseUrl: string | undefined;
  port: number;
  dataDir: string;
  tickMs: number;
  webhookSecret: string | undefined;
  cronSecret: string | undefined;
  authSecret: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  adminToken: string | undefined;
  /** undefined: the default (seed a new embedded database, never an external one). */
  demo: boolean | undefined;
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = schema.safeParse({ ...present, AUTH_SECRET: present.AUTH_SECRET ?? present.NEXTAUTH_SECRET });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = String(issue.path[0]);
    throw new ConfigError(setting, `${issue.message} (got ${JSON.stringify(present[setting] ?? "")})`);
  }
  const s = parsed.data;
  return {
    databaseUrl: s.DATABASE_URL,
    port: s.PORT,
    dataDir: path.resolve(s.SHIPBOARD_DATA_DIR),
    tickMs: s.SHIPBOARD_TICK_MS,
    webhookSecret: s.SHIPBOARD_WEBHOOK_SECRET,
    cronSecret: s.CRON_SECRET,
    authSecret: s.AUTH_SECRET,
    adminEmail: s.SHIPBOARD_ADMIN_EMAIL,
    adminPassword: s.SHIPBOARD_ADMIN_PASSWORD,
    adminToken: s.SHIPBOARD_ADMIN_TOKEN,
    demo: s.SHIPBOARD_DEMO === undefined ? undefined : s.SHIPBOARD_DEMO === "1",
  };
}
