// Rules delivery (issue 18) against a real PostgreSQL, a real Prometheus loading a rules directory,
// promtool, and the ruler stand-in: downloads in both formats, sync to a directory with reload and
// to a Mimir/Cortex ruler, idempotent, with drift reported.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as rulesRoute from "@/app/api/rules/route";
import * as syncRoute from "@/app/api/rules/sync/route";
import * as sloRulesRoute from "@/app/api/slos/[id]/rules/route";
import * as collection from "@/app/api/slos/route";
import * as item from "@/app/api/slos/[id]/route";
import * as archive from "@/app/api/slos/[id]/archive/route";
import * as datasources from "@/app/api/datasources/route";
import { call, datasourceInput, sloInput, setupCatalogueDatabase, type Handler } from "@/tests/helpers/catalogue";
import { startPrometheus, runTool, TMP_ROOT, type TestPrometheus } from "@/tests/helpers/prometheus";
import { startRulerStandIn, type RulerStandIn } from "@/tests/helpers/ruler-stand-in";

setupCatalogueDatabase();
const rulesDir = path.join(TMP_ROOT, `rules-dir-${process.pid}`);
let prom: TestPrometheus;
let ruler: RulerStandIn;
let dsId: string;
const ENV = ["SIGHTLINE_RULES_DIR", "SIGHTLINE_RULES_RELOAD_URL", "SIGHTLINE_PUBLIC_URL", "SIGHTLINE_RULER_URL", "SIGHTLINE_RULER_TENANT"];

beforeAll(async () => {
  await mkdir(rulesDir, { recursive: true });
  [prom, ruler] = await Promise.all([startPrometheus({ ruleFiles: [path.join(rulesDir, "sightline-*.rules.yml")] }), startRulerStandIn()]);
}, 60_000);
afterAll(async () => {
  for (const k of ENV) delete process.env[k];
  await Promise.all([prom?.stop(), ruler?.stop()]);
  await rm(rulesDir, { recursive: true, force: true });
  await rm(path.join(TMP_ROOT, `dl-${process.pid}.yml`), { force: true });
});
beforeEach(async () => {
  for (const k of ENV) delete process.env[k];
  process.env.SIGHTLINE_PUBLIC_URL = "https://sightline.example.com";
  // Pinned to Tempo: the empty Prometheus answers, the layout is Tempo's defaults (0.512 s is a boundary).
  dsId = (await call(datasources.POST, { json: datasourceInput({ prometheusUrl: prom.url, producerProfile: "tempo" }) })).body.id;
});

/** Calls a route that answers YAML. */
async function getText(handler: Handler, params: Record<string, string>, query: Record<string, string> = {}) {
  const url = new URL("http://sightline.test/api/x");
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await handler(new Request(url), { params: Promise.resolve(params) });
  return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), text: await res.text() };
}

const createSlo = async (over: Record<string, unknown> = {}) => (await call(collection.POST, { json: sloInput(dsId, over) })).body;
const sync = async (json: Record<string, unknown> = {}) => call(syncRoute.POST, { json });

async function loadedGroups(): Promise<{ name: string; rules: { name: string; type: string }[] }[]> {
  const r = await fetch(`${prom.url}/api/v1/rules`);
  return (await r.json()).data.groups;
}

describe("downloads", () => {
  it("one SLO as a Prometheus rule file that promtool accepts; a draft as an empty file saying why", async () => {
    const slo = await createSlo({ alerting: { deviation: { enabled: true } } });
    const r = await getText(sloRulesRoute.GET, { id: slo.id });
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/yaml; charset=utf-8");
    expect(r.disposition).toBe('inline; filename="sightline-checkout-latency.rules.yml"');
    const doc = parse(r.text);
    expect(doc.groups.map((g: { name: string }) => g.name)).toEqual(["sightline-checkout-latency"]);
    expect(r.text).toContain('le="0.512"');
    expect(r.text).toContain("https://sightline.example.com/slos/checkout-latency?at=");
    const file = path.join(TMP_ROOT, `dl-${process.pid}.yml`);
    await writeFile(file, r.text);
    expect(await runTool("/usr/bin/promtool", ["check", "rules", file])).toMatch(/SUCCESS: \d+ rules found/);

    const draft = await createSlo({ slug: "draft-one", status: "draft" });
    const d = await getText(sloRulesRoute.GET, { id: "draft-one" });
    expect(parse(d.text)).toEqual({ groups: [] });
    expect(d.text).toContain(`# warning: SLO "draft-one" is draft: it generates no rules`);
    expect(draft.status).toBe("draft");
  });

  it("all SLOs as a PrometheusRule manifest; a bad format is a 400; an unknown SLO a 404", async () => {
    await createSlo();
    await createSlo({ slug: "search", service: "search", operation: "GET /search" });
    await createSlo({ slug: "drafty", status: "draft" });
    const r = await getText(rulesRoute.GET, {}, { format: "prometheusrule" });
    const doc = parse(r.text);
    expect(doc).toMatchObject({ apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: "sightline-slos" } });
    expect(doc.spec.groups.map((g: { name: string }) => g.name)).toEqual(["sightline-checkout-latency", "sightline-search"]);
    expect((await getText(rulesRoute.GET, {}, { format: "json" })).status).toBe(400);
    const missing = await getText(sloRulesRoute.GET, { id: "nope" });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).type).toBe("urn:sightline:problem:not-found");
  });
});

describe("sync to a rules directory + reload", () => {
  beforeEach(() => {
    process.env.SIGHTLINE_RULES_DIR = rulesDir;
    process.env.SIGHTLINE_RULES_RELOAD_URL = `${prom.url}/-/reload`;
  });

  it("writes, reloads, is idempotent, reports drift and removes what is no longer generated", async () => {
    await writeFile(path.join(rulesDir, "someone-else.rules.yml"), "groups: []\n");
    const slo = await createSlo();
    expect((await call(syncRoute.GET)).body).toEqual({ last: null });

    const dry = await sync({ dryRun: true });
    expect(dry.body).toMatchObject({ target: "directory", drift: [{ group: "sightline-checkout-latency", kind: "missing" }], changed: false, reloaded: false });
    expect((await readdir(rulesDir)).filter((f) => f.startsWith("sightline-"))).toEqual([]);

    const first = await sync();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ changed: true, reloaded: true, groups: 1 });
    const loaded = await loadedGroups();
    expect(loaded.map((g) => g.name)).toEqual(["sightline-checkout-latency"]);
    expect(loaded[0].rules.filter((r) => r.type === "alerting").map((r) => r.name)).toEqual([...Array(4).fill("SightlineErrorBudgetBurn"), "SightlineSloDataAbsent"]);

    const again = await sync();
    expect(again.body).toMatchObject({ drift: [], changed: false, reloaded: false });
    // The sync log keeps the last one for the app to show.
    expect((await call(syncRoute.GET)).body.last).toMatchObject({ target: "directory", dryRun: false, changed: false, drift: [], error: null, syncedAt: again.body.syncedAt });

    // Turning a tier off is drift until synced; a hand edit is drift too.
    await call(item.PATCH, { params: { id: slo.id }, json: { version: 1, alerting: { disabledTiers: ["ticket-3d"] } } });
    expect((await sync()).body).toMatchObject({ drift: [{ group: "sightline-checkout-latency", kind: "changed" }], changed: true, reloaded: true });
    expect((await loadedGroups())[0].rules.filter((r) => r.name === "SightlineErrorBudgetBurn")).toHaveLength(3);
    const file = path.join(rulesDir, "sightline-checkout-latency.rules.yml");
    await writeFile(file, (await readFile(file, "utf8")).replace("for: 2m", "for: 1h"));
    expect((await sync({ dryRun: true })).body.drift).toEqual([{ group: "sightline-checkout-latency", kind: "changed" }]);

    await call(archive.POST, { params: { id: slo.id }, json: { version: 2 } });
    expect((await sync()).body).toMatchObject({ drift: [{ group: "sightline-checkout-latency", kind: "extra" }], changed: true, groups: 0 });
    expect((await readdir(rulesDir)).sort()).toEqual(["someone-else.rules.yml"]);
    expect(await loadedGroups()).toEqual([]);
  }, 60_000);

  it("a reload that fails is a 502 in words", async () => {
    process.env.SIGHTLINE_RULES_RELOAD_URL = `${prom.url}/-/not-reload`;
    await createSlo({ slug: "reload-fails" });
    const r = await sync();
    expect(r.status).toBe(502);
    expect(r.body.detail).toMatch(/reload at .* answered HTTP 404/);
    expect((await call(syncRoute.GET)).body.last).toMatchObject({ target: "directory", changed: false, error: expect.stringMatching(/answered HTTP 404/) });
  });

  it("without a target it says what to set", async () => {
    delete process.env.SIGHTLINE_RULES_DIR;
    const r = await sync();
    expect(r.status).toBe(409);
    expect(r.body.detail).toMatch(/SIGHTLINE_RULER_URL .* SIGHTLINE_RULES_DIR/);
    expect((await call(syncRoute.GET)).body).toEqual({ last: null });
  });
});

describe("sync to a Mimir/Cortex ruler", () => {
  beforeEach(() => {
    process.env.SIGHTLINE_RULER_URL = ruler.url;
    process.env.SIGHTLINE_RULER_TENANT = "team-a";
  });

  it("sets groups under the tenant's namespace, is idempotent, deletes groups no longer generated", async () => {
    const slo = await createSlo();
    await createSlo({ slug: "search", service: "search", operation: "GET /search" });
    const first = await sync();
    expect(first.body).toMatchObject({ target: "mimir", changed: true, drift: [{ kind: "missing" }, { kind: "missing" }] });
    expect(ruler.groups("team-a", "sightline").map((g) => g.name)).toEqual(["sightline-checkout-latency", "sightline-search"]);
    expect(ruler.groups("team-b", "sightline")).toEqual([]);

    ruler.requests.length = 0;
    expect((await sync()).body).toMatchObject({ drift: [], changed: false });
    expect(ruler.requests).toEqual(["GET /prometheus/config/v1/rules/sightline team-a"]);

    await call(archive.POST, { params: { id: slo.id }, json: { version: 1 } });
    expect((await sync()).body.drift).toEqual([{ group: "sightline-checkout-latency", kind: "extra" }]);
    expect(ruler.groups("team-a", "sightline").map((g) => g.name)).toEqual(["sightline-search"]);
  });

  it("a ruler refusing the request is a 502 saying so", async () => {
    delete process.env.SIGHTLINE_RULER_TENANT;
    await createSlo();
    const r = await sync();
    expect(r.status).toBe(502);
    expect(r.body.detail).toMatch(/ruler list answered HTTP 401: no org id/);
  });
});
