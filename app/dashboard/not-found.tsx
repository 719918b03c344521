// /dashboard?team=… or ?service=… naming something no active SLO has (a typo, a renamed team).
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function DashboardNotFound() {
  return (
    <EmptyState
      title="No such team or service on the dashboard"
      action={
        <ButtonLink href="/dashboard" variant="primary">
          Show every SLO
        </ButtonLink>
      }
    >
      No active SLO has the team or service this link filters by. It may be mistyped, renamed, or its SLOs archived.
    </EmptyState>
  );
}
