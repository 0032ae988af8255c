import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "lib/generated/**", "node_modules/**", ".shipboard/**", "test-results/**", "playwright-report/**", "e2e/artifacts/**", "next-env.d.ts"],
  },
];

export default config;
