// While the server reads the month: the header, then skeletons shaped like the pickers, summary and SLOs.
import { Skeleton } from "@/components/ui/skeleton";

export default function ReportsLoading() {
  return (
    <div role="status" aria-busy="true">
      <span className="sr-only">Loading the report…</span>
      <Skeleton className="mb-2 h-7 w-56" />
      <Skeleton className="mb-8 h-4 w-[36rem] max-w-full" />
      <div className="space-y-4">
        <div className="flex gap-3">
          <Skeleton className="h-9 w-44" />
          <Skeleton className="h-9 w-44" />
        </div>
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-36 w-full" />
        <Skeleton className="h-36 w-full" />
      </div>
    </div>
  );
}
