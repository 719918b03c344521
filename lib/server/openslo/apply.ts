// POST /api/openslo/apply's verb: the plan for a file of OpenSLO documents (per SLO create, update,
// unchanged, conflict or invalid, with a field diff and notes) and, when not a dry run and the plan
// is clean, its creates and updates through the catalogue verbs (each its own transaction with its
// revision). SLOs are identified by slug = metadata.name. Idempotent: applying the same file again
// plans every SLO as unchanged. A plan with any conflict or invalid entry writes nothing, so a file
// is never half applied because of a mistake in it (a concurrent edit during the writes can still
// turn one entry into a conflict: it is reported, the others are written).
import "server-only";
import type { AuthContext } from "@/lib/server/auth/context";
import { allows } from "@/lib/auth/permissions";
import { listDatasources } from "@/lib/server/catalogue/datasources";
import { createSlo } from "@/lib/server/catalogue/slo-create";
import { editableFields } from "@/lib/server/catalogue/slo-mapping";
import { getSlo } from "@/lib/server/catalogue/slo-queries";
import { updateSlo } from "@/lib/server/catalogue/slo-update";
import { HttpProblem, NotFoundError } from "@/lib/server/errors";
import { fieldChanges } from "@/lib/openslo/diff";
import { fromOpenSlo, type ResolvedDatasource } from "@/lib/openslo/import";
import { parseOpenSloYaml } from "@/lib/openslo/yaml";
import { ApplyPlan, MAX_APPLY_DOCUMENTS, type OpenSloApplyInput, type PlanEntry } from "@/lib/schemas/openslo";
import type { CreateSloInput, SloDto } from "@/lib/schemas/slo";

type Planned = PlanEntry & { input?: CreateSloInput; current?: SloDto };

export async function applyOpenSlo(body: OpenSloApplyInput, auth: AuthContext): Promise<ApplyPlan> {
  const docs = body.yaml !== undefined ? parseOpenSloYaml(body.yaml) : body.documents!.map((value) => ({ value }));
  const datasources = new Map<string, ResolvedDatasource>((await listDatasources()).items.map((d) => [d.slug, { id: d.id, producerProfile: d.producerProfile }]));
  const seen = new Set<string>();
  const entries: Planned[] = [];
  for (const [i, doc] of docs.entries()) {
    const n = i + 1;
    if (n > MAX_APPLY_DOCUMENTS) {
      entries.push(invalid(`document ${n}`, n, `at most ${MAX_APPLY_DOCUMENTS} documents per apply`));
      continue;
    }
    if ("error" in doc) {
      entries.push(invalid(`document ${n}`, n, `not YAML: ${doc.error}`));
      continue;
    }
    entries.push(await planOne(doc.value, n, datasources, seen, auth));
  }
  const clean = entries.every((e) => e.action !== "conflict" && e.action !== "invalid");
  const write = !body.dryRun && clean;
  if (write) for (const e of entries) await applyOne(e, auth);
  const summary = { create: 0, update: 0, unchanged: 0, conflict: 0, invalid: 0 };
  for (const e of entries) summary[e.action]++;
  // Re-parsed through the contract, so nothing beyond it (the inputs, the stored SLO) leaks.
  return ApplyPlan.parse({
    dryRun: body.dryRun,
    applied: write && entries.some((e) => e.slo !== undefined),
    entries,
    summary,
  });
}

function invalid(name: string, document: number, reason: string, notes: PlanEntry["notes"] = []): Planned {
  return { name, document, action: "invalid", reason, changes: [], notes };
}

async function planOne(raw: unknown, n: number, datasources: Map<string, ResolvedDatasource>, seen: Set<string>, auth: AuthContext): Promise<Planned> {
  const r = fromOpenSlo(raw, (ref) => datasources.get(ref) ?? null);
  const name = r.slug ?? `document ${n}`;
  if (r.kind === "invalid") return invalid(name, n, `${r.errors.length} field${r.errors.length === 1 ? "" : "s"} cannot be imported`, [...r.errors, ...r.notes]);
  if (seen.has(r.slug)) return invalid(name, n, `metadata.name "${r.slug}" appears more than once in the file`, r.notes);
  seen.add(r.slug);
  const conflict = (reason: string): Planned => ({ name, document: n, action: "conflict", reason, changes: [], notes: r.notes });
  if (r.kind === "unknown-datasource") return conflict(`the datasource "${r.datasource}" does not exist in this Sightline (metricSourceRef names a datasource by its slug)`);

  const current = await getSlo(r.slug).catch((err) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  const team = (t: string) => (allows(auth, "slo.write", t) ? null : conflict(`you may not change SLOs of team "${t || "(no team)"}"`));
  if (!current) return team(r.input.team) ?? { name, document: n, action: "create", changes: [], notes: r.notes, input: r.input };
  if (current.status === "archived") return conflict(`the SLO "${r.slug}" is archived; restore it in Sightline before applying`);
  const changes = fieldChanges(editableFields(current), r.input);
  if (changes.length === 0) return { name, document: n, action: "unchanged", changes: [], notes: r.notes };
  if (r.version !== null && r.version < current.version)
    return { ...conflict(`the SLO changed since this file was exported (file at version ${r.version}, Sightline at ${current.version}); export it again`), changes };
  return team(current.team) ?? team(r.input.team) ?? { name, document: n, action: "update", changes, notes: r.notes, input: r.input, current };
}

async function applyOne(e: Planned, auth: AuthContext): Promise<void> {
  if (!e.input) return;
  try {
    if (e.action === "create") {
      const dto = await createSlo(e.input, auth);
      e.slo = { id: dto.id, version: dto.version };
    } else if (e.action === "update" && e.current) {
      // Status is the app's (archive/restore, drafts): a file changes only the definition.
      const { status: _s, ...fields } = e.input;
      void _s;
      const dto = await updateSlo(e.current.id, { ...fields, version: e.current.version }, auth);
      e.slo = { id: dto.id, version: dto.version };
    }
  } catch (err) {
    // Someone else wrote between the plan and the write (409), or the datasource went away (422).
    if (!(err instanceof HttpProblem) || err.status >= 500) throw err;
    e.action = "conflict";
    e.reason = err.detail;
  }
}
