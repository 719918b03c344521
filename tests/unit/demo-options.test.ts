// `npm run demo` options (scripts/demo/options.ts) and the demo datasource they seed.
import { describe, expect, it } from "vitest";
import { demoDatasource } from "@/lib/demo/seed";
import { parseDemoArgs } from "@/scripts/demo/options";

describe("parseDemoArgs", () => {
  it("defaults to Tempo traces", () => {
    expect(parseDemoArgs([])).toEqual({ profile: "tempo", traces: "tempo", days: 30, seed: "handy-site-corp", rebuild: false, reset: false, app: true });
  });

  it.each([[["--traces=jaeger"]], [["--traces", "jaeger"]]])("takes --traces jaeger as %j", (argv) => {
    expect(parseDemoArgs(argv).traces).toBe("jaeger");
  });

  it("combines with the other options", () => {
    expect(parseDemoArgs(["--profile=otel", "--traces", "jaeger", "--no-app", "--days", "7"])).toMatchObject({ profile: "otel", traces: "jaeger", app: false, days: 7 });
  });

  it.each([[["--traces=zipkin"]], [["--traces"]], [["--traces", "--no-app"]], [["--trace=jaeger"]]])("refuses %j", (argv) => {
    expect(() => parseDemoArgs(argv)).toThrow();
  });
});

describe("demoDatasource", () => {
  const base = { prometheusUrl: "http://127.0.0.1:9090", traceUrl: "http://127.0.0.1:3200", profile: "tempo" as const };

  it("points at Tempo unless told otherwise", () => {
    expect(demoDatasource(base)).toMatchObject({ traceBackend: "tempo", traceUrl: "http://127.0.0.1:3200" });
  });

  it("points at the Jaeger listener with --traces jaeger", () => {
    expect(demoDatasource({ ...base, traceBackend: "jaeger", traceUrl: "http://127.0.0.1:16686" })).toMatchObject({ traceBackend: "jaeger", traceUrl: "http://127.0.0.1:16686", traceAuthKind: "none" });
  });
});
