"use client";
// Name, slug, team, owner, description and status. The name starts as what the SLO measures
// ("checkout PlaceOrder under 512 ms"); the slug follows the name until someone edits it.
import { useEffect } from "react";
import { slugify } from "@/lib/client/slugify";
import { suggestedName } from "@/lib/client/wizard-map";
import type { WizardState } from "@/lib/client/wizard-state";
import { Field, inputClass, selectClass } from "../../ui/field";
import type { StepProps } from "./wizard";

export function StepDetails({ state, go, edit }: StepProps) {
  const set = (patch: Partial<WizardState>) => go({ ...state, ...patch }, "replace");
  const needsName = state.name === "" && state.slug === "" && !edit;
  useEffect(() => {
    if (needsName) {
      const name = suggestedName(state);
      go({ ...state, name, slug: slugify(name) }, "replace");
    }
  }, [needsName, state, go]);
  // The slug follows the name while it is still the name's slug (a new SLO only: an existing slug is someone's link).
  const follows = !edit && (state.slug === "" || state.slug === slugify(state.name));
  const text = (k: "name" | "slug" | "team" | "owner", max: number, extra = "") => (
    <input
      type="text"
      autoComplete="off"
      maxLength={max}
      value={state[k]}
      onChange={(e) => set(k === "name" && follows ? { name: e.target.value, slug: slugify(e.target.value) } : { [k]: e.target.value })}
      className={inputClass(false, extra)}
    />
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id="wizard-name" label="Name" hint="How people find and talk about this SLO." className="sm:col-span-2">
        {text("name", 120)}
      </Field>
      <Field id="wizard-slug" label="Slug" hint={edit ? "Changing it breaks existing links and alert labels." : "Derived from the name; used in URLs and alert labels."} className="sm:col-span-2">
        {text("slug", 63, "font-mono")}
      </Field>
      <Field id="wizard-team" label="Team" hint="Optional; filters the catalogue.">
        {text("team", 63)}
      </Field>
      <Field id="wizard-owner" label="Owner" hint="Optional; a person or on-call rotation.">
        {text("owner", 120)}
      </Field>
      <Field id="wizard-description" label="Description" hint="Optional; why this objective matters to users. The baseline note is added when saving." className="sm:col-span-2">
        <textarea rows={2} maxLength={1700} value={state.description} onChange={(e) => set({ description: e.target.value })} className={inputClass(false)} />
      </Field>
      <Field id="wizard-status" label="Status" hint="Drafts are listed but generate no alerts.">
        <select value={state.status} onChange={(e) => set({ status: e.target.value === "draft" ? "draft" : "active" })} className={selectClass(false)}>
          <option value="active">Active</option>
          <option value="draft">Draft</option>
        </select>
      </Field>
    </div>
  );
}
