"use client";
// The dashboard failed to render (the catalogue database down, a bug): said in words with a
// retry, inside the shell, so the rest of Sightline stays reachable.
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  return (
    <Callout
      title="The dashboard could not be shown"
      action={
        <span className="flex gap-2">
          <Button onClick={() => retry()}>Try again</Button>
          <ButtonLink href="/slos">Go to SLOs</ButtonLink>
        </span>
      }
    >
      Reading the SLO catalogue or computing the overview failed. Each SLO&apos;s own page may still answer.
      {digest ? <span className="mt-1 block font-mono text-xs">Reference: {digest}</span> : null}
    </Callout>
  );
}
