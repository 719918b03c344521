"use client";
// Catches render errors below the root layout; the shell stays usable around it.
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  return (
    <Callout
      title="This page could not be shown"
      action={
        <Button variant="secondary" onClick={() => retry()}>
          Try again
        </Button>
      }
    >
      Something failed while rendering it. Trying again often helps after a restart or a network blip.
      {digest ? <span className="mt-1 block font-mono text-xs">Reference: {digest}</span> : null}
    </Callout>
  );
}
