#!/usr/bin/env node
// `npx shipboard …`: the CLI is TypeScript like the rest of Shipboard; tsx (a dependency) runs it.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
