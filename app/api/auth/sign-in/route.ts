// POST /api/auth/sign-in – local user name + password → session cookie (401 in words on bad credentials, 429 when rate limited)
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { signIn } from "@/lib/server/auth/sign-in";
import { SignInInput } from "@/lib/schemas/auth";

export const POST = route({ requires: "public", body: SignInInput }, ({ body, request }) => signIn(body, request));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
