import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Provider, type ClaimsAccount } from "oidc-provider";
import { E2E_BASE_URL, E2E_OIDC_CLIENT_ID, E2E_OIDC_CLIENT_SECRET, E2E_OIDC_EMAIL_DOMAIN } from "./env";

export type RunningOidcProvider = { issuer: string; stop: () => Promise<void> };

/**
 * A real OpenID Connect provider (oidc-provider) for the e2e suite, on
 * 127.0.0.1:<port>: one confidential client for Shipboard's next-auth
 * callback, and oidc-provider's built-in development interactions — a login
 * form that accepts any login and password, then a consent page. The
 * account `<login>` has the email `<login>@oidc.test`.
 */
async function listenOidcProvider(port: number): Promise<void> {
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: E2E_OIDC_CLIENT_ID,
        client_secret: E2E_OIDC_CLIENT_SECRET,
        redirect_uris: [`${E2E_BASE_URL}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    async findAccount(_ctx: unknown, sub: string): Promise<ClaimsAccount> {
      return {
        accountId: sub,
        claims: () => ({ sub, email: `${sub}@${E2E_OIDC_EMAIL_DOMAIN}`, email_verified: true, name: sub }),
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // next-auth reads the profile from the ID token (idToken: true); by default
    // oidc-provider puts user claims only in userinfo for the code flow.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    // Explicit lifetimes (seconds) keep oidc-provider from logging a notice per default used.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // A fixed cookie key: the suite's throwaway provider needs no secret ones.
    cookies: { keys: ["e2e-oidc-provider-cookie-key"] },
  });
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  if (actual !== port) throw new Error(`oidc provider listening on ${actual}, not ${port}`);
}

/**
 * The provider in a process of its own, as an identity provider is another
 * machine: the server under test's memory (which benchmarks report) holds
 * none of it. Resolves once it listens; it stops when this process goes.
 */
export async function spawnOidcProvider(port: number): Promise<RunningOidcProvider> {
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, String(port)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`the OpenID Connect provider exited (${code})`)));
  });
  return {
    issuer: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

if (process.argv[1] === import.meta.filename) {
  await listenOidcProvider(Number(process.argv[2]));
  process.send?.("ready");
  process.once("disconnect", () => process.exit(0));
}
