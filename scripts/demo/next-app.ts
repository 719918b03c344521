// The Sightline app for the demo: `next build` when there is no build or a source is newer than
// it, then `next start`.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { httpOk, startChild, waitUntil, type Child } from "./processes";

const SOURCES = ["app", "components", "lib", "public", "prisma", "next.config.ts", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", ".data", "generated"]);

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(p)) if (!SKIP.has(e)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** Why a build is needed, or null when `.next` is current. */
export function buildReason(root: string): string | null {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no build yet";
  const built = statSync(buildId).mtimeMs;
  const changed = SOURCES.find((s) => newestMtime(path.join(root, s)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

const nextBin = (root: string) => path.join(root, "node_modules", ".bin", "next");

export async function buildNext(root: string, logDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, "next-build.log");
  const log = createWriteStream(logFile);
  const code = await new Promise<number | null>((resolve, reject) => {
    const p = spawn(nextBin(root), ["build"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    p.stdout.pipe(log);
    p.stderr.pipe(log);
    p.on("error", reject);
    p.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code}); see ${logFile}`);
}

export async function startNext(opts: { root: string; port: number; host: string; logDir: string; env: NodeJS.ProcessEnv }): Promise<{ child: Child; url: string }> {
  const child = startChild("next", nextBin(opts.root), ["start", "-p", String(opts.port), "-H", opts.host], {
    logDir: opts.logDir,
    cwd: opts.root,
    env: opts.env,
  });
  const url = `http://${opts.host === "0.0.0.0" ? "127.0.0.1" : opts.host}:${opts.port}`;
  await waitUntil("next start", () => httpOk(url), { timeoutMs: 120_000, child });
  return { child, url };
}
