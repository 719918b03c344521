// Names → slugs for the SLO and datasource forms. Pure, no I/O.

/** "Checkout API – p99 latency!" → "checkout-api-p99-latency". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}
