// Prometheus for the demo: found (or installed with apt when we are root), configured to scrape the
// world server with exemplars, and started on loopback over the backfilled data directory.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { httpOk, startChild, waitUntil, type Child } from "./processes";
import { diagnosePrometheus } from "./prometheus-diagnose";

export interface PrometheusTools {
  prometheus: string;
  promtool: string;
}

function which(bin: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${bin}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

const INSTALL_HINT = [
  "Prometheus (2.39 or later, with promtool) is needed for the demo.",
  "  Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends prometheus",
  "  Other systems:  download it from https://prometheus.io/download/ and put `prometheus` and `promtool` on PATH",
].join("\n");

/** Finds prometheus and promtool; installs the Debian package when running as root with apt. */
export function ensurePrometheus(log: (m: string) => void): PrometheusTools {
  let prometheus = which("prometheus");
  let promtool = which("promtool");
  if (prometheus && promtool) return { prometheus, promtool };
  if (process.getuid?.() === 0 && which("apt-get")) {
    log("Prometheus is missing: installing the Debian package (apt-get install prometheus)");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "prometheus"], { stdio: "inherit", env });
    // The package starts no service here (no systemd); we run the binaries ourselves.
    prometheus = which("prometheus");
    promtool = which("promtool");
    if (prometheus && promtool) return { prometheus, promtool };
  }
  throw new Error(INSTALL_HINT);
}

export function prometheusConfig(worldTarget: string): string {
  return `# Written by npm run demo; regenerated on every start.
global:
  scrape_interval: 15s
  evaluation_interval: 15s
# The past's exemplars are written once at start (scripts/demo/seed-exemplars.ts) and share this
# buffer with the live ones, oldest out first: room for ten days of the past and a day of live ones.
storage:
  exemplars:
    max_exemplars: 1000000
scrape_configs:
  - job_name: demo-world
    static_configs:
      - targets: ["${worldTarget}"]
    # The backfilled history has no job/instance labels (as a remote-writing producer like Tempo's
    # metrics-generator sends none): drop them so live samples continue the same series.
    metric_relabel_configs:
      - action: labeldrop
        regex: job|instance
`;
}

export async function startPrometheus(opts: {
  bin: string;
  dataDir: string;
  configDir: string;
  port: number;
  worldTarget: string;
  logDir: string;
}): Promise<{ child: Child; url: string }> {
  const configFile = path.join(opts.configDir, "prometheus.yml");
  await writeFile(configFile, prometheusConfig(opts.worldTarget));
  const url = `http://127.0.0.1:${opts.port}`;
  const child = startChild(
    "prometheus",
    opts.bin,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${opts.dataDir}`,
      // The default 15 d would delete most of the backfilled month at the first compaction.
      "--storage.tsdb.retention.time=100y",
      `--web.listen-address=127.0.0.1:${opts.port}`,
      "--enable-feature=exemplar-storage",
      "--web.enable-lifecycle",
      // The past's exemplars arrive by remote write (promtool's backfill drops exemplars).
      "--web.enable-remote-write-receiver",
    ],
    { logDir: opts.logDir },
  );
  await waitUntil("Prometheus", () => httpOk(`${url}/-/ready`), {
    timeoutMs: 120_000,
    child,
    explain: (output) => diagnosePrometheus(output, { port: opts.port, dataDir: opts.dataDir, configFile, logFile: child.logFile }),
  });
  return { child, url };
}

/** Whether a TSDB directory holds at least one block (block directories are named by ULID). */
export const hasBlocks = (dataDir: string) => existsSync(dataDir) && readdirSync(dataDir).some((f) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(f));
