// GET /api/discovery/series?datasource&service&operation&match&spanKind&lookback&at – series a selection reads, per operation
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { discoverSeries, DiscoverySeriesQuery } from "@/lib/server/slo/discovery-series";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", query: DiscoverySeriesQuery }, ({ query }) => discoverSeries(query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
