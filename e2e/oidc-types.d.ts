// The slice of oidc-provider's API e2e/oidc-provider.ts uses (the package ships no types).
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type ClaimsAccount = { accountId: string; claims: () => Promise<Record<string, unknown>> | Record<string, unknown> };

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    proxy: boolean;
  }
}
