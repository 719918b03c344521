// Throwaway VictoriaMetrics (a second Prometheus-compatible backend) for integration tests.
//
//   const vm = await startVictoria();
//   await vm.importPrometheusText(text);   // text exposition format, millisecond timestamps
//   ... createMetricsSource({ baseUrl: vm.url }) ...
//   await vm.stop();
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { freePort, spawnManaged, TMP_ROOT, waitHttpOk } from "./prometheus";

export interface TestVictoria {
  url: string;
  /** POST /api/v1/import/prometheus, then /internal/force_flush so the data is searchable at once. */
  importPrometheusText(text: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startVictoria(extraFlags: string[] = []): Promise<TestVictoria> {
  await mkdir(TMP_ROOT, { recursive: true });
  const dir = await mkdtemp(path.join(TMP_ROOT, "vm-"));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const proc = spawnManaged("/usr/bin/victoria-metrics", [
      `-storageDataPath=${dir}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      "-retentionPeriod=100y",
      // Tests import then query at once: a cached empty answer would hide the import.
      "-search.disableCache",
      ...extraFlags,
    ]);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitHttpOk(`${url}/health`, proc);
      let stopped: Promise<void> | null = null;
      return {
        url,
        async importPrometheusText(text) {
          const r = await fetch(`${url}/api/v1/import/prometheus`, { method: "POST", body: text, signal: AbortSignal.timeout(30_000) });
          if (r.status !== 204 && !r.ok) throw new Error(`VictoriaMetrics import failed: HTTP ${r.status} ${await r.text()}`);
          const f = await fetch(`${url}/internal/force_flush`, { signal: AbortSignal.timeout(30_000) });
          if (!f.ok) throw new Error(`VictoriaMetrics force_flush failed: HTTP ${f.status}`);
        },
        stop: () => (stopped ??= proc.stop().then(() => rm(dir, { recursive: true, force: true }))),
      };
    } catch (e) {
      lastError = e;
      await proc.stop();
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
