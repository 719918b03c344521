import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <EmptyState
      title="Page not found"
      action={
        <ButtonLink href="/slos" variant="primary">
          Go to SLOs
        </ButtonLink>
      }
    >
      The address may be mistyped, or the page was moved.
    </EmptyState>
  );
}
