// Child processes of `npm run demo`: started with their output in log files, waited on until
// they answer, and stopped in reverse order (SIGTERM, then SIGKILL after a grace period).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export interface Child {
  name: string;
  proc: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  /** The last few kB of this run's output (the log file also holds earlier runs). */
  output(): string;
}

export function startChild(
  name: string,
  cmd: string,
  args: string[],
  opts: { logDir: string; env?: NodeJS.ProcessEnv; cwd?: string },
): Child {
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = path.join(opts.logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: "a" });
  log.write(`\n--- ${new Date().toISOString()} ${cmd} ${args.join(" ")}\n`);
  // Own process group: a Ctrl-C in the terminal reaches only us, and we stop children in order.
  const proc = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let tail = "";
  const keep = (d: Buffer) => void (tail = (tail + d.toString()).slice(-4096));
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  proc.stdout?.pipe(log, { end: false });
  proc.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => {
    proc.on("exit", (code) => resolve(code));
    proc.on("error", (err) => {
      log.write(`spawn failed: ${err.message}\n`);
      resolve(-1);
    });
  });
  return { name, proc, logFile, exited, output: () => tail };
}

/** Whether a process with this PID exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopChild(c: Child, graceMs = 10_000): Promise<void> {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  c.proc.kill("SIGTERM");
  const timer = setTimeout(() => c.proc.kill("SIGKILL"), graceMs);
  await c.exited;
  clearTimeout(timer);
}

/** Polls `check` until it resolves true; fails early when the child exits. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  opts: { timeoutMs: number; child?: Child; explain?: (output: string) => string },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let exited = false;
  opts.child?.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) {
      // The child's last line is its own account of the failure (cause and fix), when it gives one.
      const last = opts.child!.output().trim().split("\n").filter(Boolean).pop();
      throw new Error(opts.explain ? opts.explain(opts.child!.output()) : `${what}: ${last ?? "the process exited"} (log: ${opts.child!.logFile})`);
    }
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not ready after ${opts.timeoutMs / 1000} s${opts.child ? `; see ${opts.child.logFile}` : ""}`);
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.ok;
}

/** The preferred port when it is free on 127.0.0.1, else one the kernel picks. */
export async function choosePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(null));
      srv.listen(port, "127.0.0.1", () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0))!;
}
