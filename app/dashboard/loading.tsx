// While the server computes the overview: the header, then a skeleton shaped like each widget.
import { TilesSkeleton } from "@/components/dashboard/overview-tiles";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function DashboardLoading() {
  return (
    <div>
      <Skeleton className="mb-2 h-7 w-40" />
      <Skeleton className="mb-8 h-4 w-[36rem] max-w-full" />
      <div className="space-y-4">
        <TilesSkeleton />
        <div className="flex gap-3" aria-hidden>
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-8 w-44" />
          <Skeleton className="h-8 w-44" />
        </div>
        <TableSkeleton rows={10} cols={6} />
      </div>
    </div>
  );
}
