// What a pipeline's target shows to people below admin: never the command
// lines (they often carry tokens) nor a URL's credentials or query.
import type { TargetConfig } from "../engine";

function withoutCredentials(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return "";
  }
}

export function publicTarget(target: unknown): unknown {
  const config = withPublicMetricChecks(target as TargetConfig);
  if (config?.kind === "command") {
    return { ...config, checks: config.checks.map(({ name }) => ({ name })), batch: {} };
  }
  if (config?.kind === "webhook") return { ...config, url: withoutCredentials(config.url) };
  return config;
}

/** Metric checks' URLs without credentials (a Prometheus behind basic auth); their queries are not secret. */
function withPublicMetricChecks(config: TargetConfig): TargetConfig {
  if (!Array.isArray(config?.metricChecks)) return config;
  return { ...config, metricChecks: config.metricChecks.map((check) => ({ ...check, url: withoutCredentials(check.url) })) };
}
