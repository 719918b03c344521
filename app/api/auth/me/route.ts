// GET /api/auth/me – who is asking (name, role, teams, how), the sign-in mode, or the signed-out state
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { me } from "@/lib/server/auth/sign-in";

export const GET = route({ requires: "public" }, async ({ auth }) => me(auth));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
