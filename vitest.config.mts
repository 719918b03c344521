import { configDefaults, defineConfig } from "vitest/config";
import path from "node:path";

// Three levels (ARCHITECTURE.md §8): unit (pure, no I/O), integration (real Postgres,
// Prometheus, VictoriaMetrics started by tests/helpers), e2e (Chromium against `next start`).
// Long integration files that scripts/test.sh runs in its other lane (beside the rest of
// integration, after e2e), to even out the two lanes: one waits minutes on real time (an alert's
// `for:`, Alertmanager's delivery), the other evaluates alert timing in promtool for two minutes.
const LONG = ["tests/integration/rules-alertmanager-webhook.test.ts", "tests/integration/rules-promtool.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, ".") , "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only-stub.ts") } },
  test: {
    // Explicit demo auth (everyone is admin) unless a test switches modes (tests/helpers/auth.ts);
    // next start children inherit it.
    env: { SIGHTLINE_AUTH: "demo" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...LONG],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration-long",
          include: LONG,
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
