// Any /api path no other route serves – a 404 problem+json for every method, not Next's HTML page
import { noRoute } from "@/lib/server/api-methods";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = noRoute();
