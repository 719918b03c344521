// The SLO form's unit conversions and error mapping: what the user types in ms and % must
// reach the API in seconds and 0..1, and the API's complaints must land on the right field.
import { describe, expect, it } from "vitest";
import { changedFields, emptySloForm, fieldErrorsToForm, formToInput, slugify, sloToForm, type SloFormValues } from "@/lib/client/slo-form";
import { validateSloForm } from "@/lib/client/slo-form-validate";
import type { SloDto } from "@/lib/schemas/slo";
import { defaultAlertSettings } from "@/lib/schemas/rules";

const filled = (over: Partial<SloFormValues> = {}): SloFormValues => ({
  ...emptySloForm("ds_1"),
  name: "Checkout latency",
  slug: "checkout-latency",
  service: "checkout",
  operation: "POST /api/checkout",
  thresholdMs: "300",
  objectivePercent: "99.9",
  ...over,
});

describe("formToInput", () => {
  it.each([
    ["300", 0.3],
    ["1500", 1.5],
    ["0.5", 0.0005],
    ["250,5", 0.2505],
  ])("threshold %s ms → %s s", (ms, s) => {
    expect(formToInput(filled({ thresholdMs: ms })).thresholdSeconds).toBe(s);
  });

  it.each([
    ["99.9", 0.999],
    ["99.5", 0.995],
    ["95", 0.95],
    ["99.99", 0.9999],
  ])("objective %s %% → %s without float noise", (pct, frac) => {
    expect(formToInput(filled({ objectivePercent: pct })).objective).toBe(frac);
  });

  it("maps window and span kind choices", () => {
    expect(formToInput(filled({ window: "calendar:month", spanKind: "any" }))).toMatchObject({ window: { kind: "calendar", unit: "month" }, spanKind: null });
    expect(formToInput(filled({ window: "rolling:7" })).window).toEqual({ kind: "rolling", days: 7 });
  });
});

describe("validateSloForm", () => {
  it("accepts a complete form", () => {
    const r = validateSloForm(filled());
    expect(r.errors).toEqual({});
    expect(r.input).toMatchObject({ thresholdSeconds: 0.3, objective: 0.999, datasourceId: "ds_1" });
  });

  it("rejects 100 % on the objective field, in percent", () => {
    const r = validateSloForm(filled({ objectivePercent: "100" }));
    expect(r.input).toBeUndefined();
    expect(r.errors.objectivePercent).toMatch(/below 100 %/);
  });

  it("reports empty and non-numeric numbers on their own fields", () => {
    const r = validateSloForm(filled({ thresholdMs: "", objectivePercent: "lots", service: "", datasourceId: "" }));
    expect(r.errors.thresholdMs).toMatch(/milliseconds/);
    expect(r.errors.objectivePercent).toMatch(/percent/);
    expect(r.errors.service).toBeTruthy();
    expect(r.errors.datasourceId).toBe("Choose a datasource.");
  });

  it("checks regex operations", () => {
    expect(validateSloForm(filled({ operationMatch: "regex", operation: "GET /(a" })).errors.operation).toMatch(/regular expression/);
  });

  // In the browser too, the verdict is Prometheus's (RE2), not JavaScript's RegExp.
  it("refuses a lookahead on the operation field in words and takes inline flags", () => {
    expect(validateSloForm(filled({ operationMatch: "regex", operation: "Place(?=Order)Order" })).errors).toEqual({
      operation: "lookahead (?=…) is not supported by Prometheus (RE2)",
    });
    expect(validateSloForm(filled({ operationMatch: "regex", operation: "(?i)placeorder" })).errors).toEqual({});
  });

  it("shows the regex problem alongside the other fields' problems, not only once they are fixed", () => {
    const r = validateSloForm(filled({ name: "", thresholdMs: "", operationMatch: "regex", operation: "Place(?=Order)Order" }));
    expect(r.errors.operation).toBe("lookahead (?=…) is not supported by Prometheus (RE2)");
    expect(r.errors.thresholdMs).toMatch(/milliseconds/);
  });
});

describe("fieldErrorsToForm", () => {
  it("maps API paths onto form fields, first message wins", () => {
    expect(
      fieldErrorsToForm([
        { path: "slug", message: "taken" },
        { path: "slug", message: "second" },
        { path: "window.days", message: "too big" },
        { path: "version", message: "stale" },
      ]),
    ).toEqual({ slug: "taken", window: "Choose a window.", form: "stale" });
  });

  it("puts the API's regex complaint on the operation field, and names the label matcher it has no field for", () => {
    expect(fieldErrorsToForm([{ path: "operation", message: "lookahead (?=…) is not supported by Prometheus (RE2)" }])).toEqual({
      operation: "lookahead (?=…) is not supported by Prometheus (RE2)",
    });
    expect(fieldErrorsToForm([{ path: "extraMatchers.1.value", message: "backreference \\1 is not supported by Prometheus (RE2)" }])).toEqual({
      form: "Label matcher 2: backreference \\1 is not supported by Prometheus (RE2)",
    });
  });
});

describe("slugify", () => {
  it.each([
    ["Checkout API – p99 latency!", "checkout-api-p99-latency"],
    ["  Über Café  ", "uber-cafe"],
    ["---", ""],
  ])("%s → %s", (name, slug) => expect(slugify(name)).toBe(slug));

  it("never ends in a dash after truncation", () => {
    expect(slugify(`${"a".repeat(62)} b`)).toMatch(/^[a-z]+$/);
  });
});

describe("sloToForm + changedFields", () => {
  const dto: SloDto = {
    id: "slo_1",
    slug: "checkout-latency",
    name: "Checkout latency",
    description: "",
    team: "payments",
    owner: "",
    service: "checkout",
    operation: "POST /api/checkout",
    operationMatch: "exact",
    spanKind: null,
    extraMatchers: [],
    thresholdSeconds: 0.3,
    objective: 0.999,
    window: { kind: "rolling", days: 28 },
    countErrorsAsBad: false,
    minEvents: 0,
    alerting: defaultAlertSettings(),
    datasourceId: "ds_1",
    status: "active",
    version: 3,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  };

  it("round-trips without spurious changes", () => {
    const v = sloToForm(dto);
    expect(v).toMatchObject({ thresholdMs: "300", objectivePercent: "99.9", spanKind: "any", window: "rolling:28" });
    const base = validateSloForm(v).input!;
    expect(changedFields(base, validateSloForm(v).input!)).toEqual({});
    expect(changedFields(base, validateSloForm({ ...v, thresholdMs: "400" }).input!)).toEqual({ thresholdSeconds: 0.4 });
  });
});

describe("empty required fields", () => {
  it("say what to enter instead of zod's length words", () => {
    const { errors } = validateSloForm({ ...emptySloForm(), name: "", slug: "", service: " ", operation: "" });
    expect(errors.name).toBe("Enter a name, e.g. Checkout API latency.");
    expect(errors.slug).toBe("Enter a slug: lowercase letters, digits and dashes.");
    expect(errors.operation).toBe("Enter the operation (the span name).");
    expect(Object.values(errors).join(" ")).not.toMatch(/Too small/);
  });
});
