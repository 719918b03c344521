// POST /api/auth/sign-out – ends the session (the row is deleted, so a copied cookie stops working)
// and clears the cookie. A plain HTML form post (the header's "Sign out" button) is sent on to
// /sign-in; fetch() callers get JSON.
import { route } from "@/lib/server/api";
import { otherMethods } from "@/lib/server/api-methods";
import { destroySession } from "@/lib/server/auth/session";

export const POST = route({ requires: "public" }, async ({ request }) => {
  const setCookie = await destroySession(request);
  const headers = { "set-cookie": setCookie, "cache-control": "no-store" };
  if ((request.headers.get("accept") ?? "").includes("text/html"))
    return new Response(null, { status: 303, headers: { ...headers, location: "/sign-in?signed-out=1" } });
  return Response.json({ signedIn: false }, { headers });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
