// A real Prometheus holding the ground-truth histories, backfilled from one OpenMetrics file that
// is removed again once the blocks exist. Shared by the truth tests (status, suggest, backtest).
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TruthHistory } from "@/tests/fixtures/truth-history";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";
import { startPrometheus, TMP_ROOT, type TestPrometheus } from "./prometheus";

export async function startTruthPrometheus(name: string, histories: readonly TruthHistory[]): Promise<TestPrometheus> {
  const file = path.join(TMP_ROOT, `${name}-${process.pid}.om.txt`);
  await writeTruthFile(file, [...histories], "openmetrics");
  try {
    return await startPrometheus({ openMetricsFile: file, maxBlockDuration: "2000h" });
  } finally {
    await rm(file, { force: true });
  }
}
