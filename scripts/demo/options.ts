// `npm run demo` options, parsed and validated (zod) before anything starts.
//   --profile tempo|otel   span-metrics naming and exemplar label (default tempo)
//   --traces tempo|jaeger  which trace API the demo datasource points at (default tempo); jaeger
//                          also starts the world server's Jaeger listener (DEMO_JAEGER_PORT, 16686)
//   --days N, --seed S, --rebuild, --reset, --no-app
import { z } from "zod";

export const DemoArgs = z.object({
  profile: z.enum(["tempo", "otel"]).default("tempo"),
  traces: z.enum(["tempo", "jaeger"]).default("tempo"),
  days: z.coerce.number().int().min(3).max(90).default(30),
  seed: z.string().min(1).max(64).default("handy-site-corp"),
  rebuild: z.boolean().default(false),
  reset: z.boolean().default(false),
  app: z.boolean().default(true),
});
export type DemoArgs = z.infer<typeof DemoArgs>;

const VALUED = /^--(profile|traces|days|seed)$/;
const VALUED_EQ = /^--(profile|traces|days|seed)=/;

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--rebuild") raw.rebuild = true;
    else if (a === "--reset") raw.reset = true;
    else if (a === "--no-app") raw.app = false;
    else if (VALUED.test(a)) {
      // A missing value must not quietly become the default ("--traces" alone is a mistake).
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value`);
      raw[a.slice(2)] = v;
    }
    else if (VALUED_EQ.test(a)) raw[a.slice(2, a.indexOf("="))] = a.slice(a.indexOf("=") + 1);
    else throw new Error(`unknown option ${a}`);
  }
  return DemoArgs.parse(raw);
}
