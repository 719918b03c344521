// Query keys in one place so a mutation invalidates exactly what the hooks read.
import type { ListSlosQuery } from "@/lib/schemas/slo";

export const queryKeys = {
  slos: ["slos"] as const,
  sloList: (q: Partial<ListSlosQuery>) => ["slos", "list", q] as const,
  slo: (idOrSlug: string) => ["slos", "one", idOrSlug] as const,
  sloRevisions: (idOrSlug: string) => ["slos", "revisions", idOrSlug] as const,
  datasources: ["datasources"] as const,
  datasourceList: () => ["datasources", "list"] as const,
};
