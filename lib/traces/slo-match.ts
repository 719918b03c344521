// Which spans an SLO measures: the SLO's service and operation (span name), matched exactly or as
// a Prometheus regex (RE2, fully anchored: `^(?:operation)$`). Pure, no I/O.
// The browser judges with JavaScript's RegExp instead of re2js (~50 KB gzipped on a page that must
// stay light): for the RE2 subset Prometheus accepts (validated on save) the two agree, except the
// inline flag `(?i)` at the front, translated here to the `i` flag. A pattern RegExp refuses
// matches nothing rather than throwing.
import type { SpanPredicate } from "./waterfall";

export interface SloSelection {
  service: string;
  operation: string;
  operationMatch: "exact" | "regex";
}

export function sloSpanPredicate(slo: SloSelection): SpanPredicate {
  if (slo.operationMatch === "exact") return (service, name) => service === slo.service && name === slo.operation;
  let re: RegExp;
  try {
    const ci = slo.operation.startsWith("(?i)");
    re = new RegExp(`^(?:${ci ? slo.operation.slice(4) : slo.operation})$`, ci ? "iu" : "u");
  } catch {
    return () => false;
  }
  return (service, name) => service === slo.service && re.test(name);
}
