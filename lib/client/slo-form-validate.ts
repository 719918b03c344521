// The SLO form's client-side check with the shared schema (lib/schemas/slo.ts, zod). Its own
// module so that the form pages load it, and zod with it, after the page (lib/client/lazy-module.ts
// `sloValidation`), not in their first load. Pure, no I/O.
import { CreateSloInput } from "@/lib/schemas/slo";
import { fieldErrorsToForm, formToInput, type SloFormErrors, type SloFormValues } from "./slo-form";

export { CreateSloInput };

/** Client-side check with the shared schema; `{}` means the server may accept it. */
export function validateSloForm(v: SloFormValues): { input?: CreateSloInput; errors: SloFormErrors } {
  const raw = formToInput(v);
  const r = CreateSloInput.safeParse(raw);
  if (r.success) return { input: r.data, errors: {} };
  return { errors: fieldErrorsToForm(r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), raw) };
}
