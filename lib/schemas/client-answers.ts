// Answers the browser reads whose schema is only a wrapper around a DTO (lists, discovery counts):
// kept with the other schemas so that client modules import them lazily (lib/client/http.ts
// `lazySchema`) and zod stays out of a page's first load.
import { z } from "./zod";
import { DatasourceDto } from "./datasource";
import { SloDto, SloRevisionDto } from "./slo-dto";

export const DatasourceListAnswer = z.object({ items: z.array(DatasourceDto) }).transform((d) => d.items);

export const SloList = z.object({ items: z.array(SloDto), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type SloList = z.infer<typeof SloList>;

export const SloRevisionList = z.object({ items: z.array(SloRevisionDto) });

export const DiscoveryResponse = z.object({
  dimension: z.enum(["services", "operations", "span-kinds"]),
  profile: z.object({ id: z.string(), histogram: z.string(), unit: z.string() }),
  lookbackSeconds: z.number(),
  items: z.array(z.object({ value: z.string(), requestsPerSecond: z.number() })),
});
export type DiscoveryResponse = z.infer<typeof DiscoveryResponse>;

export const SeriesCount = z.object({ seriesCount: z.number().int().min(0) }).passthrough();

/** Any JSON at all (a DELETE's answer is not read). */
export const AnyAnswer = z.unknown();
