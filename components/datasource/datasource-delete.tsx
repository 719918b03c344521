"use client";
// Delete with a second click to confirm. A datasource SLOs still read from is refused by the API
// (409): its words (how many SLOs, active and archived) are shown as they come.
import { useState } from "react";
import { describeError } from "@/lib/client/http";
import { useDeleteDatasource } from "@/lib/client/datasources/delete";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";

export function DatasourceDelete({ id, name, onDeleted }: { id: string; name: string; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const del = useDeleteDatasource();
  const error = del.isError ? describeError(del.error) : null;
  return (
    <div className="flex flex-col items-end gap-2">
      {confirming ? (
        <div className="flex gap-2">
          <Button
            variant="danger"
            disabled={del.isPending}
            onClick={() => del.mutate(id, { onSuccess: onDeleted, onSettled: () => setConfirming(false) })}
            aria-label={`Confirm deleting ${name}`}
          >
            {del.isPending ? "Deleting…" : "Delete for good"}
          </Button>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
        </div>
      ) : (
        <Button onClick={() => { del.reset(); setConfirming(true); }} aria-label={`Delete ${name}`}>Delete</Button>
      )}
      <div aria-live="polite" className="max-w-md">
        {error ? <Callout tone="error" title={`${name} was not deleted: ${error.title}`}>{error.detail}</Callout> : null}
      </div>
    </div>
  );
}
