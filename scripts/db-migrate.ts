// npm run db:migrate – apply prisma/migrations to DATABASE_URL (or start and migrate the embedded
// PostgreSQL when it is unset). Run with tsx under the react-server condition so the server
// modules' `import "server-only"` resolves to its no-op entry.
import { getEnv } from "@/lib/env";
import { migrate, MigrationError } from "@/lib/server/migrate";
import { getDatabaseUrl } from "@/lib/server/postgres";

async function main() {
  const env = getEnv();
  if (env.DATABASE_URL) {
    const r = await migrate(env.DATABASE_URL, { log: (l) => console.log(l) });
    console.log(`${r.applied.length} applied, ${r.alreadyApplied.length} already applied`);
  } else {
    // The embedded server migrates as part of starting.
    await getDatabaseUrl();
    console.log("embedded PostgreSQL is migrated");
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    if (err instanceof MigrationError) console.error(`migration refused: ${err.message}`);
    else console.error(`db:migrate failed: ${err instanceof Error && err.message ? err.message : String(err)}`);
    process.exit(1);
  },
);
