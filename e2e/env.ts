/** Settings of the servers the e2e suite starts (see e2e/serve.ts); tests import them to authenticate. */

/** Playwright workers run test files side by side, each against a server (and database) of its own. */
export const E2E_WORKERS = 2;
/** This worker's server: Playwright numbers its workers 0…E2E_WORKERS − 1 (TEST_PARALLEL_INDEX). */
export const E2E_SERVER_INDEX = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
const firstPort = Number(process.env.E2E_PORT ?? 3100);
export const e2ePortOf = (server: number) => firstPort + server * 5;
export const E2E_PORT = e2ePortOf(E2E_SERVER_INDEX);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
export const E2E_CRON_SECRET = "e2e-cron-secret";
export const E2E_WEBHOOK_SECRET = "e2e-webhook-secret";
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";

export const E2E_USERS = {
  admin: { email: "admin@e2e.test", password: "admin-password-e2e" },
  deployer: { email: "deployer@e2e.test", password: "deployer-password-e2e" },
  viewer: { email: "viewer@e2e.test", password: "viewer-password-e2e" },
} as const;
export const E2E_AUTH_SECRET = "e2e-auth-secret-0123456789abcdefghij";

/** The e2e OpenID Connect provider (e2e/oidc-provider.ts), started by e2e/serve.ts next to the server. */
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? E2E_PORT + 1100);
export const E2E_OIDC_CLIENT_ID = "shipboard-e2e";
export const E2E_OIDC_CLIENT_SECRET = "e2e-oidc-client-secret-0123456789";
export const E2E_OIDC_NAME = "E2E SSO";
export const E2E_OIDC_EMAIL_DOMAIN = "oidc.test";
