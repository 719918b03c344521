// GET /api/users – every user (local and single sign-on); POST /api/users – create a local user with a role, teams and an initial password
import { created, route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { createUser, listUsers } from "@/lib/server/auth/users";
import { CreateUserInput } from "@/lib/schemas/auth";

export const GET = route({ requires: "user.manage" }, ({ auth }) => listUsers(auth));

export const POST = route({ requires: "user.manage", body: CreateUserInput }, async ({ body, auth }) => {
  const user = await createUser(auth, body);
  return created(user, `/api/users/${encodeURIComponent(user.id)}`);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
