// The apply verb (lib/server/openslo/apply.ts) on a real PostgreSQL, called with the contexts the
// route wrapper hands it: a team-limited editor may change only their team's SLOs (said per SLO,
// nothing written), archived SLOs and a name twice in one file are refused, a draft stays a draft,
// and revisions record the caller. The CLI and HTTP path are in openslo-cli.test.ts.
import { describe, expect, it } from "vitest";
import { contextFor, systemAuth } from "@/lib/server/auth/context";
import { createDatasource } from "@/lib/server/catalogue/datasources";
import { archiveSlo } from "@/lib/server/catalogue/slo-lifecycle";
import { createSlo } from "@/lib/server/catalogue/slo-create";
import { getSlo } from "@/lib/server/catalogue/slo-queries";
import { listSloRevisions } from "@/lib/server/catalogue/revisions";
import { applyOpenSlo } from "@/lib/server/openslo/apply";
import { exportOpenSlo } from "@/lib/server/openslo/export";
import { stringifyOpenSloYaml } from "@/lib/openslo/yaml";
import { CreateDatasourceInput } from "@/lib/schemas/datasource";
import { CreateSloInput } from "@/lib/schemas/slo";
import { datasourceInput, rowCounts, setupCatalogueDatabase, sloInput } from "../helpers/catalogue";

const db = setupCatalogueDatabase();
const admin = systemAuth("ci");

async function seed() {
  const ds = await createDatasource(CreateDatasourceInput.parse(datasourceInput()), admin);
  const checkout = await createSlo(CreateSloInput.parse(sloInput(ds.id, { slug: "checkout-latency", team: "checkout" })), admin);
  const payments = await createSlo(CreateSloInput.parse(sloInput(ds.id, { slug: "payment-charge", team: "payments" })), admin);
  return { ds, checkout, payments };
}

/** The current export with every threshold doubled. */
async function doubledThresholds() {
  const docs = await exportOpenSlo({});
  for (const d of docs) {
    const a = d.metadata.annotations!;
    a["sightline.dev/threshold-seconds"] = String(Number(a["sightline.dev/threshold-seconds"]) * 2);
  }
  return docs;
}

describe("apply", () => {
  it("lets a team-limited editor change only their team's SLOs, and writes nothing when one is refused", async () => {
    await seed();
    const editor = contextFor({ actor: "erin", userId: null, role: "editor", teams: ["checkout"], via: "session" });
    const docs = await doubledThresholds();
    const before = await rowCounts(db().url);

    const plan = await applyOpenSlo({ documents: docs, dryRun: false }, editor);
    expect(plan.applied).toBe(false);
    expect(plan.entries.map((e) => [e.name, e.action, e.reason ?? null])).toEqual([
      ["checkout-latency", "update", null],
      ["payment-charge", "conflict", 'you may not change SLOs of team "payments"'],
    ]);
    expect(await rowCounts(db().url)).toEqual(before);

    const own = await applyOpenSlo({ documents: docs.filter((d) => d.metadata.name === "checkout-latency"), dryRun: false }, editor);
    expect(own).toMatchObject({ applied: true, summary: { update: 1 } });
    expect((await getSlo("checkout-latency")).thresholdSeconds).toBe(1.024);
    const revisions = await listSloRevisions("checkout-latency");
    expect(revisions.items[0]).toMatchObject({ actor: "erin", action: "updated", changedFields: ["thresholdSeconds"] });
  });

  it("refuses an archived SLO and a name given twice; keeps a draft a draft", async () => {
    const { ds, payments } = await seed();
    await createSlo(CreateSloInput.parse(sloInput(ds.id, { slug: "cart-read", team: "checkout", status: "draft" })), admin);
    const docs = [...(await doubledThresholds())];
    // Export writes active SLOs only; a file may still name the draft.
    const draftDoc = structuredClone(docs[0]);
    draftDoc.metadata.name = "cart-read";
    draftDoc.spec.indicator!.metadata!.name = "cart-read";
    await archiveSlo(payments.id, payments.version, admin);

    const yaml = stringifyOpenSloYaml([...docs, draftDoc, docs[0]]);
    const plan = await applyOpenSlo({ yaml, dryRun: true }, admin);
    expect(plan.entries.map((e) => [e.name, e.action])).toEqual([
      ["checkout-latency", "update"],
      ["payment-charge", "conflict"],
      ["cart-read", "update"],
      ["checkout-latency", "invalid"],
    ]);
    expect(plan.entries[1].reason).toContain("archived; restore it");
    expect(plan.entries[3].reason).toBe('metadata.name "checkout-latency" appears more than once in the file');

    const clean = await applyOpenSlo({ documents: [draftDoc], dryRun: false }, admin);
    expect(clean.applied).toBe(true);
    expect(await getSlo("cart-read")).toMatchObject({ status: "draft", thresholdSeconds: 1.024 });
    // Applied once, the same file is unchanged.
    expect((await applyOpenSlo({ documents: [draftDoc], dryRun: false }, admin)).summary).toMatchObject({ unchanged: 1, update: 0 });
  });
});
