// npm run demo – the whole Sightline demo from a fresh clone, in one command:
// Prometheus (installed if missing and possible), embedded PostgreSQL (migrated, seeded with the
// demo datasource and SLOs), a month of span-metric history for the "Handy Site Corp" shop
// (backfilled once, then reused), the live world server (metrics with exemplars + Tempo trace API),
// Prometheus scraping it, and the app (`next build` when needed, `next start`).
// Re-runs reuse what they can; Ctrl-C (SIGINT/SIGTERM) stops everything this command started.
//
// Options: --profile tempo|otel (default tempo), --traces tempo|jaeger (the trace API the demo
// datasource uses, default tempo), --days N (history, default 30), --seed S,
// --rebuild (new history), --reset (delete all demo data and the embedded PostgreSQL first),
// --no-app (everything but Next.js). Env: PORT (app, default 3000),
// HOST (default 127.0.0.1), DEMO_PROMETHEUS_PORT (9090), DEMO_WORLD_PORT (3200),
// DEMO_JAEGER_PORT (16686, with --traces jaeger).
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { LiveWorld } from "@/lib/demo/live";
import { eventWindows } from "@/lib/demo/traffic";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import { ensureHistory } from "./demo/history-setup";
import { buildNext, buildReason, startNext } from "./demo/next-app";
import { choosePort, isAlive, startChild, stopChild, waitUntil, type Child } from "./demo/processes";
import { parseDemoArgs } from "./demo/options";
import { ensurePrometheus, startPrometheus } from "./demo/prometheus";
import { resetDemo } from "./demo/reset";
import { seedPastExemplars } from "./demo/seed-exemplars";
import { demoPaths, profileById } from "./demo/state";
import { startWorldServer, type WorldServer } from "./demo/world-server";

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DEMO_PROMETHEUS_PORT: z.coerce.number().int().min(1).max(65535).default(9090),
  DEMO_WORLD_PORT: z.coerce.number().int().min(1).max(65535).default(3200),
  DEMO_JAEGER_PORT: z.coerce.number().int().min(1).max(65535).default(16686),
});

const root = process.cwd();
const demoDir = path.join(root, ".data", "demo");
const logDir = path.join(demoDir, "logs");
const pidFile = path.join(demoDir, "demo.pid");
const started = performance.now();
const since = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (m: string) => console.log(`[demo ${since().padStart(7)}] ${m}`);

async function phase<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  log(`${name} …`);
  const r = await fn();
  log(`${name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

const children: Child[] = [];
/** Set once the Prisma client is loaded (it may only exist after `db:generate` ran). */
let disconnectDb: () => Promise<void> = async () => {};
let world: WorldServer | undefined;
let live: LiveWorld | undefined;
/** How far back the latency chart's exemplar dots reach (the checkout regression is 9 days ago). */
const PAST_EXEMPLAR_DAYS = 10;
let stopping: Promise<void> | undefined;

/** Stops in reverse dependency order: the app, the scraper, the producer, then the database. */
function shutdown(code: number): Promise<void> {
  stopping ??= (async () => {
    log("stopping …");
    for (const c of [...children].reverse()) {
      await stopChild(c);
      log(`  ${c.name} stopped`);
    }
    if (world) await world.close();
    await disconnectDb();
    rmSync(pidFile, { force: true });
    log("stopped");
    process.exit(code);
  })();
  return stopping;
}

/** A demo still running from an earlier call is stopped first: one demo owns the ports and data. */
async function replacePrevious(): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8"));
  if (!Number.isInteger(pid) || pid === process.pid || !isAlive(pid)) return;
  log(`stopping the demo already running (pid ${pid})`);
  process.kill(pid, "SIGTERM");
  await waitUntil("previous demo to stop", async () => !isAlive(pid), { timeoutMs: 60_000 });
}

async function main() {
  const args = parseDemoArgs(process.argv.slice(2));
  const env = Env.parse(process.env);
  const profile = profileById(args.profile);
  const paths = demoPaths(demoDir, profile);
  mkdirSync(demoDir, { recursive: true });
  await replacePrevious();
  if (args.reset) await phase("reset (demo data and the embedded PostgreSQL)", () => resetDemo(log));
  mkdirSync(demoDir, { recursive: true });
  writeFileSync(pidFile, String(process.pid));
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void shutdown(0));

  const tools = await phase("Prometheus binaries", () => ensurePrometheus(log));
  if (!existsSync(path.join(root, "lib", "generated", "prisma", "client.ts")))
    await phase("Prisma client (npm run db:generate)", () => execFileSync("npm", ["run", "-s", "db:generate"], { stdio: "inherit" }));

  // Loaded only now: on a fresh clone the generated Prisma client these import did not exist before.
  const { seedDemo } = await import("./demo/seed");
  ({ disconnectDb } = await import("@/lib/server/db"));

  const worldPort = await choosePort(env.DEMO_WORLD_PORT);
  // Jaeger and Tempo both answer /api/traces/<id>: Jaeger's API gets a listener of its own.
  const jaegerPort = args.traces === "jaeger" ? await choosePort(env.DEMO_JAEGER_PORT) : undefined;
  const promPort = await choosePort(env.DEMO_PROMETHEUS_PORT);

  await phase("PostgreSQL (embedded unless DATABASE_URL) + migrations", async () => {
    const holder = startChild("postgres", path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/demo/postgres-holder.ts"], { logDir, cwd: root });
    children.push(holder);
    await waitUntil("PostgreSQL", async () => /^ready$/m.test(holder.output()), { timeoutMs: 120_000, child: holder });
  });

  // next build needs neither the history nor the database. Alongside the backfill (itself two
  // busy processes) it only pays off with spare cores: on 2 cores it measured no faster.
  const appEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };
  const reason = args.app ? buildReason(root) : null;
  const runBuild = () => (reason ? phase(`next build (${reason})`, () => buildNext(root, logDir, appEnv)) : Promise.resolve());
  const parallelBuild = availableParallelism() >= 4;
  const build = parallelBuild ? runBuild() : undefined;
  if (args.app && !reason) log("next build: up to date");
  // A failure surfaces where it is awaited; until then it must not count as unhandled.
  build?.catch(() => {});

  const history = await phase(`history (${args.days} days, profile ${profile.id})`, () =>
    ensureHistory({ world: HANDY_SITE_CORP, seed: args.seed, profile, paths, promtool: tools.promtool, historyDays: args.days, rebuild: args.rebuild, log }),
  );
  if (history.backfill) {
    const b = history.backfill;
    const days = (history.bank.atMs - (history.action === "built" ? history.manifest.historyStartMs : history.bank.atMs)) / 86_400_000;
    log(
      `  ${history.action}: ${(b.samples / 1e6).toFixed(1)} M samples, ${(b.bytes / 1e6).toFixed(0)} MB OpenMetrics; ` +
        `model ${history.modelSeconds?.toFixed(1)} s, generate ${b.seconds.generate.toFixed(1)} s, promtool ${b.seconds.promtool.toFixed(1)} s` +
        (days > 0 ? ` (${((b.seconds.generate + b.seconds.promtool) / days).toFixed(1)} s per day of history)` : ""),
    );
  } else log("  reused the existing history");

  world = await phase(`world server (live metrics + Tempo API${jaegerPort ? " + Jaeger API" : ""})`, async () => {
    // Exemplars held back until the past's are written (scripts/demo/seed-exemplars.ts explains why).
    live = new LiveWorld(history.bank, { world: HANDY_SITE_CORP, seed: args.seed, anchorMs: history.manifest.anchorMs, holdExemplars: true });
    return startWorldServer({
      live,
      port: worldPort,
      jaegerPort,
      stateFile: paths.state,
      resource: { serviceVersions: HANDY_SITE_CORP.serviceVersions, scope: { name: "handy-site-corp/demo", version: "1.0.0" } },
      log,
    });
  });

  const prometheusStartedMs = Date.now();
  const prometheus = await phase("Prometheus", async () => {
    const p = await startPrometheus({ bin: tools.prometheus, dataDir: paths.prometheusData, configDir: paths.root, port: promPort, worldTarget: `127.0.0.1:${worldPort}`, logDir });
    children.push(p.child);
    return p;
  });

  await phase(`past exemplars (${PAST_EXEMPLAR_DAYS} days, by remote write)`, async () => {
    const anchorMs = history.manifest.anchorMs;
    try {
      // Aligned to the history's anchor, so a re-run writes the same past (the traces its
      // exemplars name are regenerated alike) and Prometheus ignores what it already has.
      const r = await seedPastExemplars({
        live: live!,
        prometheusUrl: prometheus.url,
        targetLabels: {},
        seed: args.seed,
        world: HANDY_SITE_CORP,
        anchorMs,
        fromMs: anchorMs - PAST_EXEMPLAR_DAYS * 86_400_000,
        toMs: anchorMs,
        stepMs: 15 * 60_000,
        eventStepMs: 2 * 60_000,
        scrapedAfterMs: prometheusStartedMs,
      });
      // Sent, not necessarily kept: on a re-run Prometheus already holds newer (live) exemplars
      // for these series and drops older ones silently; the past written at the first start stays.
      log(`  sent ${r.exemplars} exemplars on ${r.series} series, ${r.traces} traces behind them`);
    } catch (err) {
      log(`  skipped: ${err instanceof Error ? err.message : String(err)} (live exemplars still work)`);
    } finally {
      live!.releaseExemplars();
    }
  });

  const seeded = await phase("catalogue seed (datasource + SLOs)", () =>
    seedDemo({
      prometheusUrl: prometheus.url,
      traceBackend: args.traces,
      traceUrl: args.traces === "jaeger" ? world!.jaegerUrl! : world!.url,
      profile: profile.id,
    }),
  );
  log(`  created ${seeded.created.length}, updated ${seeded.updated.length}, unchanged ${seeded.unchanged.length}, archived (left alone) ${seeded.skipped.length}`);
  // The demo runs in local sign-in (the default) so people see the real thing: the first admin is
  // made here, before the app starts, and its generated password is printed this once.
  const signIn = await phase("sign-in (first local admin)", async () => {
    const { adminPasswordFile, ensureLocalAdmin } = await import("@/lib/server/auth/local-users");
    const { getEnv } = await import("@/lib/env");
    const mode = getEnv().SIGHTLINE_AUTH;
    if (mode !== "local") return mode === "demo" ? "none: SIGHTLINE_AUTH=demo, everyone is admin" : `SIGHTLINE_AUTH=${mode}`;
    const first = await ensureLocalAdmin(log);
    if (process.env.SIGHTLINE_ADMIN_PASSWORD) return "user admin, the password in SIGHTLINE_ADMIN_PASSWORD";
    const file = path.relative(root, adminPasswordFile());
    return existsSync(adminPasswordFile())
      ? `user admin, password in ${file}${first.created ? " (printed above)" : ""}   (cat ${file})`
      : "user admin (created earlier; its password was set then: reset it with --reset, or as another admin)";
  });
  await disconnectDb();

  let appUrl: string | undefined;
  if (args.app) {
    await (build ?? runBuild());
    const app = await phase("next start", () => startNext({ root, port: env.PORT, host: env.HOST, logDir, env: appEnv }));
    children.push(app.child);
    appUrl = app.url;
  }

  const events = eventWindows(HANDY_SITE_CORP, history.manifest.anchorMs);
  console.log(
    [
      "",
      `Sightline demo is running (ready after ${since()}).`,
      appUrl ? `  App          ${appUrl}` : "  App          not started (--no-app)",
      `  Sign in      ${signIn}`,
      `  Prometheus   ${prometheus.url}   (data ${path.relative(root, paths.prometheusData)})`,
      `  World/Tempo  ${world.url}/metrics   ${world.url}/api/traces/<id>`,
      ...(world.jaegerUrl ? [`  Jaeger       ${world.jaegerUrl}/api/traces/<id>   (the demo datasource reads traces here)`] : []),
      `  Database     ${process.env.DATABASE_URL ? "DATABASE_URL" : `embedded PostgreSQL, data in ${embeddedDataDir()}`}`,
      `  Logs         ${path.relative(root, logDir)}/`,
      "  In the history:",
      ...events.map((e) => `    ${e.startMs > 0 ? new Date(e.startMs).toISOString().slice(0, 16).replace("T", " ") : ""} UTC  ${e.title}`),
      "Press Ctrl-C to stop everything.",
    ].join("\n"),
  );
}

/** Where the embedded cluster's data is (after a relocation: the real place, see lib/server/embedded-pg). */
function embeddedDataDir(): string {
  const link = path.join(root, ".data", "pg");
  try {
    return lstatSync(link).isSymbolicLink() ? `${readlinkSync(link)} (.data/pg links there)` : path.relative(root, link);
  } catch {
    return path.relative(root, link);
  }
}

main().catch(async (err) => {
  console.error(`\ndemo failed: ${err instanceof Error ? err.message : err}`);
  await shutdown(1);
});
