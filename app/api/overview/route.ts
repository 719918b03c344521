// GET /api/overview – every active SLO's SLI, budget left, worst burn rate, state and 7-day trend in one batched response (?team=&service=&at=)
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { OverviewQuery } from "@/lib/schemas/overview";
import { overview } from "@/lib/server/slo/overview";

export const dynamic = "force-dynamic";

export const GET = route({ requires: "slo.read", query: OverviewQuery }, async ({ query }) =>
  overview({ team: query.team, service: query.service }, { atSeconds: query.at ?? Date.now() / 1000 }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
