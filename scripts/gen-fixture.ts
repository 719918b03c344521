// Writes the ground-truth span-metric history (tests/fixtures/truth-history.ts) to a file.
//   npx tsx scripts/gen-fixture.ts --profile tempo|otel|both --format openmetrics|prometheus \
//     --out tests/.tmp/truth.om [--days 36] [--seed N] [--end UNIX_SECONDS] [--fine-tail-hours 48] [--le prometheus3]
// Backfill: promtool tsdb create-blocks-from openmetrics --max-block-duration=486h FILE DATA_DIR
import { parseArgs } from "node:util";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";
import { writeTruthFile, type FixtureFormat } from "@/tests/fixtures/write-fixture";

const { values } = parseArgs({
  options: {
    profile: { type: "string", default: "both" },
    format: { type: "string", default: "openmetrics" },
    out: { type: "string" },
    days: { type: "string" },
    seed: { type: "string" },
    end: { type: "string" },
    "fine-tail-hours": { type: "string" },
    le: { type: "string", default: "prometheus2" },
  },
});

const profiles = { tempo: [TEMPO], otel: [OTEL_MS], both: [TEMPO, OTEL_MS] }[values.profile!];
if (!profiles || !values.out || !["openmetrics", "prometheus"].includes(values.format!) || !["prometheus2", "prometheus3"].includes(values.le!)) {
  console.error("usage: gen-fixture --out FILE [--profile tempo|otel|both] [--format openmetrics|prometheus] [--days N] [--seed N] [--end S] [--fine-tail-hours H] [--le prometheus2|prometheus3]");
  process.exit(2);
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const started = Date.now();
const histories = profiles.map((profile) =>
  generateTruthHistory({
    profile,
    days: num(values.days),
    seed: num(values.seed),
    endSeconds: num(values.end),
    fineTailSeconds: values["fine-tail-hours"] === undefined ? undefined : Number(values["fine-tail-hours"]) * 3600,
  }),
);
// No top-level await: tsx compiles this package's .ts files as CommonJS.
writeTruthFile(values.out, histories, values.format as FixtureFormat, values.le as "prometheus2" | "prometheus3").then((bytes) =>
  console.log(`${values.out}: ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`),
);
