// SLO-as-code end to end (issue 20 item 4, done-when: "`npx sightline apply` round-trips the demo's
// SLOs through OpenSLO YAML with no diff"): `next start` on a real PostgreSQL seeded with the demo's
// catalogue (lib/demo/seed.ts) through the API, and the CLI run as a child process with npx, as a
// user runs it: export → apply --dry-run (all unchanged) → edit one threshold → the one-field diff
// → apply → export again; conflicts and invalid documents exit 1 with a readable line, nothing
// written; a server that is not there exits 2. One server for the file.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { demoDatasource, demoSlos } from "@/lib/demo/seed";
import { startAppServer, type AppServer } from "../helpers/app-server";

const REPO = path.resolve(__dirname, "..", "..");
let app: AppServer;
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npx sightline ...` from the checkout, as the docs say to run it. */
function sightline(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("npx", ["--no-install", "sightline", ...args], { cwd: REPO, env: { ...process.env, SIGHTLINE_URL: app.baseUrl, SIGHTLINE_TOKEN: "" }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function api(method: string, p: string, body?: unknown) {
  const res = await fetch(new URL(p, app.baseUrl), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json", origin: new URL(app.baseUrl).origin },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  // Until API tokens and sign-in land everywhere, the test server runs in the explicit demo mode.
  app = await startAppServer({ env: { SIGHTLINE_AUTH: "demo" } });
  dir = await mkdtemp(path.join(os.tmpdir(), "sightline-openslo-"));
  const ds = await api("POST", "/api/datasources", demoDatasource({ prometheusUrl: "http://127.0.0.1:9", traceUrl: "http://127.0.0.1:9", profile: "tempo" }));
  expect(ds.status, JSON.stringify(ds.body)).toBe(201);
  for (const s of demoSlos(ds.body.id)) {
    const r = await api("POST", "/api/slos", s);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});

afterAll(async () => {
  await app?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("npx sightline", () => {
  const slugs = demoSlos("x").map((s) => s.slug).sort();

  it("exports the demo's SLOs and applies them back with no diff, twice", async () => {
    const exp = await sightline("export", "-o", file("slos.yaml"));
    expect(exp.code, exp.stderr).toBe(0);
    const text = await readFile(file("slos.yaml"), "utf8");
    expect(text.split(/^---$/m)).toHaveLength(slugs.length);

    const before = await api("GET", "/api/slos?limit=50");
    for (const args of [["--dry-run"], []]) {
      const r = await sightline("apply", "-f", file("slos.yaml"), ...args);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout.trim().split("\n")).toEqual([
        ...slugs.map((s) => `= ${s}: unchanged`),
        `${args.length ? "plan" : "nothing applied"}: 0 to create, 0 to change, ${slugs.length} unchanged, 0 conflicts, 0 invalid`,
      ]);
    }
    // Unchanged means untouched: no version moved.
    const after = await api("GET", "/api/slos?limit=50");
    expect(after.body.items.map((s: { version: number }) => s.version)).toEqual(before.body.items.map((s: { version: number }) => s.version));
  });

  it("shows an edited threshold as the one changed field, applies it, and exports the edit", async () => {
    const original = await readFile(file("slos.yaml"), "utf8");
    const edited = original.replace('sightline.dev/threshold-seconds: "0.512"', 'sightline.dev/threshold-seconds: "1.024"');
    expect(edited).not.toBe(original);
    await writeFile(file("edited.yaml"), edited);

    const plan = await sightline("apply", "-f", file("edited.yaml"), "--dry-run");
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const lines = plan.stdout.trim().split("\n");
    expect(lines).toContain("~ checkout-latency: would change");
    expect(lines.filter((l) => l.startsWith("    ~ "))).toEqual(["    ~ thresholdSeconds: 0.512 → 1.024"]);
    // The query in the file still says le="0.512": Sightline says it builds its own instead.
    expect(lines.some((l) => l.includes("ratioMetric.good.metricSource.spec.query: not read") && l.includes('le="1.024"'))).toBe(true);
    expect(lines.at(-1)).toBe(`plan: 0 to create, 1 to change, ${slugs.length - 1} unchanged, 0 conflicts, 0 invalid`);
    expect((await api("GET", "/api/slos/checkout-latency")).body.thresholdSeconds).toBe(0.512);

    const applied = await sightline("apply", "-f", file("edited.yaml"));
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain("~ checkout-latency: changed");
    const slo = (await api("GET", "/api/slos/checkout-latency")).body;
    expect(slo.thresholdSeconds).toBe(1.024);
    const revisions = (await api("GET", "/api/slos/checkout-latency/revisions")).body;
    expect(revisions.items[0]).toMatchObject({ action: "updated", changedFields: ["thresholdSeconds"] });

    // Export again: the edited file, with only what Sightline generates from the threshold regenerated.
    const again = await sightline("export");
    expect(again.code, again.stderr).toBe(0);
    const a = edited.split("\n");
    const b = again.stdout.split("\n");
    expect(b).toHaveLength(a.length);
    const differing = a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
    expect(differing.map(([, y]) => y.trim())).toEqual([
      "displayName: PlaceOrder under 1.024 s",
      expect.stringMatching(/^query: traces_spanmetrics_latency_bucket\{.*le="1\.024"\}$/),
      "- displayName: 99.5 % under 1.024 s",
    ]);
    // ...and that export applies as unchanged.
    await writeFile(file("again.yaml"), again.stdout);
    const idem = await sightline("apply", "-f", file("again.yaml"));
    expect(idem.code).toBe(0);
    expect(idem.stdout).toContain(`0 to create, 0 to change, ${slugs.length} unchanged`);
  });

  it("refuses a file with a conflict or an invalid document: exit 1, a line per problem, nothing written", async () => {
    const current = await readFile(file("again.yaml"), "utf8");
    const docs = current.split(/^---\n/m);
    const prod = docs[0].replaceAll("metricSourceRef: demo", "metricSourceRef: prod");
    const timeslices = docs[1].replace("budgetingMethod: Occurrences", "budgetingMethod: Timeslices");
    const fresh = docs[2].replace(/name: ([a-z-]+)\n/, "name: $1-copy\n");
    await writeFile(file("bad.yaml"), [prod, timeslices, fresh, ...docs.slice(3)].join("---\n"));
    const first = parseYaml(docs[0]).metadata.name;
    const second = parseYaml(docs[1]).metadata.name;

    const r = await sightline("apply", "-f", file("bad.yaml"));
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`! ${first}: conflict: the datasource "prod" does not exist`);
    expect(r.stdout).toContain(`! ${second}: invalid: 1 field cannot be imported`);
    expect(r.stdout).toContain("    ! spec.budgetingMethod: Sightline counts good and total requests (Occurrences); Timeslices has no equivalent");
    expect(r.stdout).toMatch(/^\+ [a-z-]+-copy: would be created$/m);
    expect(r.stdout).toContain("nothing was written");
    const list = (await api("GET", "/api/slos?limit=50")).body;
    expect(list.total).toBe(slugs.length);
  });

  it("refuses a file exported before someone changed the SLO (--versions)", async () => {
    const exp = await sightline("export", "--versions", "--team", "payments", "-o", file("payments.yaml"));
    expect(exp.code, exp.stderr).toBe(0);
    const slo = (await api("GET", "/api/slos/payment-charge")).body;
    expect((await readFile(file("payments.yaml"), "utf8")).includes(`sightline.dev/version: "${slo.version}"`)).toBe(true);
    const patched = await api("PATCH", "/api/slos/payment-charge", { version: slo.version, objective: 0.998 });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const edited = (await readFile(file("payments.yaml"), "utf8")).replace('sightline.dev/threshold-seconds: "0.256"', 'sightline.dev/threshold-seconds: "0.512"');
    await writeFile(file("payments.yaml"), edited);

    const r = await sightline("apply", "-f", file("payments.yaml"));
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`! payment-charge: conflict: the SLO changed since this file was exported (file at version ${slo.version}, Sightline at ${slo.version + 1}); export it again`);
    expect((await api("GET", "/api/slos/payment-charge")).body.thresholdSeconds).toBe(0.256);
  });

  it("serves JSON documents that apply as they are", async () => {
    const exp = await api("GET", "/api/openslo?format=json&service=checkout");
    expect(exp.status).toBe(200);
    expect(exp.body.documents.map((d: { metadata: { name: string } }) => d.metadata.name)).toEqual(["checkout-latency"]);
    const plan = await api("POST", "/api/openslo/apply", { documents: exp.body.documents, dryRun: true });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body).toMatchObject({ dryRun: true, applied: false, entries: [{ name: "checkout-latency", action: "unchanged", changes: [] }] });
    expect((await api("POST", "/api/openslo/apply", { documents: [], yaml: "", dryRun: true })).status).toBe(422);
  });

  it("says in words when it cannot reach Sightline or is used wrongly: exit 2", async () => {
    const down = await sightline("export", "--url", "http://127.0.0.1:9");
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^sightline: cannot reach Sightline at http:\/\/127\.0\.0\.1:9 \(/);
    const usage = await sightline("apply");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("apply needs -f FILE");
    // The token travels as a Bearer header: one the server does not know is refused, in every auth mode.
    const badToken = await sightline("export", "--token", "not-a-real-token");
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toMatch(/^sightline: GET \/api\/openslo answered 401 \(give an API token/);
    expect(badToken.stderr).not.toContain("not-a-real-token");
    const missing = await sightline("apply", "-f", file("nope.yaml"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file");
  });
});
