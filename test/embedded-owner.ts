// Test helper process: starts an embedded PostgreSQL under argv[2], prints "up", then waits to be killed.
import { startEmbeddedPostgres } from "../lib/db/embedded";

await startEmbeddedPostgres(process.argv[2]!);
console.log("up");
setInterval(() => {}, 60_000);
