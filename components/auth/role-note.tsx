// What a signed-in person may not do here, in words, instead of a form the API would refuse
// (issue 20 item 3: the UI does not offer what the role cannot do; the API enforces it anyway).
import { Callout } from "@/components/ui/callout";

export function RoleNote({ role, needs, what }: { role: string; needs: "editor" | "admin"; what: string }) {
  return (
    <Callout tone="info" title={`You can view; ${what} needs the ${needs} role.`}>
      You are signed in as a{role === "admin" || role === "editor" ? "n" : ""} {role}. Ask an admin for the {needs} role if you need it.
    </Callout>
  );
}
