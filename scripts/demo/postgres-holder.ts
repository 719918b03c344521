// Owns the embedded PostgreSQL for `npm run demo` in its own process, so the orchestrator can stop
// the database at the end simply by stopping this process (SIGTERM), after the app that uses it.
// Prints "ready" once the database is up and migrated; on failure, the one-line cause and fix
// (lib/server/embedded-pg/diagnose.ts) as the last line of its output. Reuses a server that
// already runs (then stopping this process leaves that server alone).
import { getDatabaseUrl, stopEmbeddedPostgres } from "@/lib/server/postgres";

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    stopEmbeddedPostgres().finally(() => process.exit(0));
  });

getDatabaseUrl().then(
  () => {
    process.stdout.write("ready\n");
    // Stay alive until told to stop.
    setInterval(() => {}, 1 << 30);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
