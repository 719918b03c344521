"use client";
// The create/edit form for an SLO. Values are typed in the units people think in (ms, %),
// checked in the browser with the shared schema, and mapped back onto fields when the server
// (the authority) rejects them. Keyboard-first: native controls, Enter submits, and after a
// failed submit focus lands on the first field that needs attention.
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { ApiError, describeError, isVersionConflict } from "@/lib/client/http";
import { sloValidation, useLazyModule } from "@/lib/client/lazy-module";
import { fieldErrorsToForm, slugify, type SloFormErrors, type SloFormField, type SloFormValues } from "@/lib/client/slo-form";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { AboutSection, MeasureSection, ObjectiveSection } from "./slo-form-sections";

export type SloFormProps = {
  mode: "create" | "edit";
  initial: SloFormValues;
  /** Resolves when saved; throws ApiError when the server says no. */
  onSubmit: (input: CreateSloInput) => Promise<void>;
  /** Edit only: a 409 means someone saved first; the page offers to reload. */
  onConflict?: (e: ApiError) => void;
  onCancel?: () => void;
};

export function SloForm({ mode, initial, onSubmit, onConflict, onCancel }: SloFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<SloFormErrors>({});
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // In edit mode the slug is already someone's link; only derive it for new SLOs.
  // The validator (and zod) arrive after the page has loaded; a submit before that waits for it.
  const validation = useLazyModule(sloValidation);
  const slugTouched = useRef(mode === "edit" || initial.slug !== "");
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends SloFormField>(k: K, v: SloFormValues[K]) => {
    const next = { ...values, [k]: v };
    if (k === "slug") slugTouched.current = v !== "";
    if (k === "name" && !slugTouched.current) next.slug = slugify(String(v));
    setValues(next);
    // Once the user has tried to submit, keep the messages honest as they fix things.
    if (attempted && validation) setErrors((e) => ({ form: e.form, ...validation.validateSloForm(next).errors }));
  };

  // Bumped after a failed submit; the effect runs once the messages are rendered.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);
  const focusFirst = () => setFocusRequest((n) => n + 1);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (submitting) return;
    setAttempted(true);
    const { input, errors: clientErrors } = (validation ?? (await sloValidation.get())).validateSloForm(values);
    if (!input) {
      setErrors(clientErrors);
      focusFirst();
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      await onSubmit(input);
    } catch (err) {
      const next = serverErrors(err, mode);
      if (next === "conflict" && onConflict && err instanceof ApiError) onConflict(err);
      else if (next !== "conflict") {
        setErrors(next);
        focusFirst();
      }
    } finally {
      setSubmitting(false);
    }
  };

  const errorCount = Object.keys(errors).filter((k) => k !== "form" && errors[k as SloFormField]).length;

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="slo-form-title" className="space-y-6">
      <div aria-live="polite">
        {errors.form ? <Callout title="The SLO was not saved">{errors.form}</Callout> : null}
        {!errors.form && errorCount > 0 ? (
          <Callout title={`${errorCount === 1 ? "One field needs" : `${errorCount} fields need`} attention`}>The messages are next to each field.</Callout>
        ) : null}
      </div>
      <AboutSection values={values} errors={errors} set={set} mode={mode} />
      <MeasureSection values={values} errors={errors} set={set} />
      <ObjectiveSection values={values} errors={errors} set={set} />
      <div className="flex items-center justify-end gap-3 border-t border-zinc-200 pt-5">
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" variant="primary" disabled={submitting}>
          {submitting ? (mode === "create" ? "Creating…" : "Saving…") : mode === "create" ? "Create SLO" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}

/** Turns a failed save into field messages, or "conflict" when the page must handle a stale version. */
function serverErrors(err: unknown, mode: SloFormProps["mode"]): SloFormErrors | "conflict" {
  if (!(err instanceof ApiError)) return { form: describeError(err).detail || describeError(err).title };
  if (mode === "edit" && isVersionConflict(err)) return "conflict";
  const mapped = fieldErrorsToForm(err.fieldErrors);
  if (err.status === 409 && !mapped.slug) mapped.slug = err.detail || "Another SLO already uses this slug. Choose a different one.";
  if (Object.keys(mapped).length === 0 || mapped.form) mapped.form = [err.title, mapped.form ?? err.detail].filter(Boolean).join(": ");
  return mapped;
}

