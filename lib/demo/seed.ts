// What `npm run demo` puts in the catalogue: the demo datasource and a handful of SLOs over the
// demo world, each validated by the shared schemas. Pure data; thresholds in seconds.
import type { ProducerProfileId } from "@/lib/promql/profiles";
import { CreateDatasourceInput } from "@/lib/schemas/datasource";
import { CreateSloInput } from "@/lib/schemas/slo";
import type { z } from "zod";

export const DEMO_DATASOURCE_SLUG = "demo";

/** `traceBackend` says which of the world server's trace APIs `traceUrl` is (default Tempo's). */
export function demoDatasource(opts: { prometheusUrl: string; traceUrl: string; traceBackend?: "tempo" | "jaeger"; profile: ProducerProfileId }): CreateDatasourceInput {
  return CreateDatasourceInput.parse({
    slug: DEMO_DATASOURCE_SLUG,
    name: "Demo: Handy Site Corp",
    prometheusUrl: opts.prometheusUrl,
    producerProfile: opts.profile,
    traceBackend: opts.traceBackend ?? "tempo",
    traceUrl: opts.traceUrl,
  });
}

/** Input side of the schema (defaults optional), minus the datasource filled in at seed time. */
type SloSeed = Omit<z.input<typeof CreateSloInput>, "datasourceId">;

const seeds: readonly SloSeed[] = [
  {
    slug: "checkout-latency",
    name: "Checkout: PlaceOrder under 512 ms",
    description: "Orders are placed quickly. The checkout 2.14.0 deploy about 9 days ago made PlaceOrder slow for 4 hours.",
    team: "checkout",
    owner: "checkout-oncall@handysite.example",
    service: "checkout",
    operation: "PlaceOrder",
    spanKind: "SPAN_KIND_SERVER",
    thresholdSeconds: 0.512,
    objective: 0.995,
    window: { kind: "rolling", days: 28 },
  },
  {
    slug: "payment-charge",
    name: "Payment: Charge under 256 ms, errors count as bad",
    description: "Card charges succeed fast. The payment provider outage about 3 days ago failed a quarter of charges for 75 minutes.",
    team: "payments",
    owner: "payments-oncall@handysite.example",
    service: "payment",
    operation: "Charge",
    spanKind: "SPAN_KIND_SERVER",
    thresholdSeconds: 0.256,
    objective: 0.999,
    window: { kind: "rolling", days: 28 },
    countErrorsAsBad: true,
  },
  {
    slug: "catalog-browse",
    name: "Catalog: ListProducts under 128 ms",
    description: "Browsing the catalogue feels instant.",
    team: "catalog",
    service: "catalog",
    operation: "ListProducts",
    spanKind: "SPAN_KIND_SERVER",
    thresholdSeconds: 0.128,
    objective: 0.99,
    window: { kind: "rolling", days: 7 },
  },
  {
    slug: "cart-read",
    name: "Cart: GetCart under 64 ms",
    team: "checkout",
    service: "cart",
    operation: "GetCart",
    spanKind: "SPAN_KIND_SERVER",
    thresholdSeconds: 0.064,
    objective: 0.995,
    window: { kind: "rolling", days: 30 },
  },
  {
    slug: "auth-login",
    name: "Auth: Login under 1.024 s",
    description: "Signing in (bcrypt dominates) stays under a second.",
    team: "identity",
    service: "auth",
    operation: "Login",
    spanKind: "SPAN_KIND_SERVER",
    thresholdSeconds: 1.024,
    objective: 0.99,
    window: { kind: "calendar", unit: "month" },
  },
  {
    slug: "product-page",
    name: "Storefront: product page under 300 ms",
    description: "300 ms is not a bucket boundary of the span metrics: the SLI is bounded by the 256 ms and 512 ms buckets.",
    team: "storefront",
    service: "frontend",
    operation: "GET /products/{id}",
    spanKind: "SPAN_KIND_SERVER",
    thresholdSeconds: 0.3,
    objective: 0.995,
    window: { kind: "rolling", days: 28 },
  },
  {
    slug: "storefront-pages",
    name: "Storefront: all GET pages under 256 ms",
    description: "Every storefront page, matched by a regular expression over span names.",
    team: "storefront",
    service: "frontend",
    operation: "GET .*",
    operationMatch: "regex",
    spanKind: "SPAN_KIND_SERVER",
    thresholdSeconds: 0.256,
    objective: 0.99,
    window: { kind: "rolling", days: 7 },
  },
];

/** The SLOs bound to a datasource id, parsed (defaults filled) by the shared schema. */
export function demoSlos(datasourceId: string): CreateSloInput[] {
  return seeds.map((s) => CreateSloInput.parse({ ...s, datasourceId }));
}
