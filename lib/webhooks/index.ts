// Pure webhook verification and parsing for CI providers. The route handler:
//   1. reads the raw body as text (signatures cover the exact bytes),
//   2. providers[p].verify(headers, rawBody, secret) → 401 with `reason` when not ok,
//   3. providers[p].parse(headers, JSON.parse(rawBody)) → 400 on WebhookPayloadError,
//      202 for "ping" and "ignored", else upsert the BuildEvent with mergeBuildState.
import * as buildkite from "./buildkite";
import * as generic from "./generic";
import * as github from "./github";
import * as gitlab from "./gitlab";
import type { Provider, WebhookProvider } from "./types";

export const providers: Record<Provider, WebhookProvider> = { buildkite, github, gitlab, generic };

export function isProvider(value: string): value is Provider {
  return Object.prototype.hasOwnProperty.call(providers, value);
}

export { normalizeRepository } from "./repository";
export { compareBuildsNewestFirst, isTerminal, mergeBuildState, type OrderedBuild } from "./state";
export * from "./types";
