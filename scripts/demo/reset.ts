// `npm run demo -- --reset`: back to a fresh clone's state. Deletes .data/demo (history,
// Prometheus data, logs) and, unless DATABASE_URL points at a server of your own, the embedded
// PostgreSQL cluster wherever it lives (after a relocation too: see lib/server/embedded-pg).
// A cluster still running from an orphaned earlier start is stopped first.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { removeCluster } from "@/lib/server/embedded-pg/cluster";
import { embeddedPlacement } from "@/lib/server/postgres";
import { isAlive } from "./processes";

export async function resetDemo(log: (m: string) => void): Promise<void> {
  const env = getEnv();
  rmSync(path.join(process.cwd(), ".data", "demo"), { recursive: true, force: true });
  log("  deleted .data/demo");
  if (env.DATABASE_URL) {
    log("  DATABASE_URL is set: that database is left alone (the seed updates the demo SLOs)");
    return;
  }
  const placement = embeddedPlacement();
  const pidFile = path.join(placement.pgDir, "postmaster.pid");
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").split("\n")[0]) : NaN;
  const comm = Number.isInteger(pid) && existsSync(`/proc/${pid}/comm`) ? readFileSync(`/proc/${pid}/comm`, "utf8").trim() : "";
  if (comm === "postgres" && isAlive(pid)) {
    log(`  stopping the embedded PostgreSQL still running (pid ${pid})`);
    process.kill(pid, "SIGINT");
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  await removeCluster(placement);
  rmSync(path.join(env.SIGHTLINE_DATA_DIR, "postgres.log"), { force: true });
  log(`  deleted the embedded PostgreSQL cluster (${placement.pgDir})`);
}
