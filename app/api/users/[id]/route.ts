// PATCH /api/users/[id] – change a user's role, teams or disabled flag, or reset a local user's password (their sessions end)
import { IdParams, route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { updateUser } from "@/lib/server/auth/users";
import { UpdateUserInput } from "@/lib/schemas/auth";

export const PATCH = route({ requires: "user.manage", params: IdParams, body: UpdateUserInput }, ({ params, body, auth }) => updateUser(auth, params.id, body));

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods("PATCH");
