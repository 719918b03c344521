// GET /api/datasources/[id]/revisions – a datasource's history, newest first. The key sits under
// queryKeys.datasources, so saving or deleting a datasource (which invalidates that) refreshes it.
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { DatasourceRevisionDto } from "@/lib/schemas/datasource-revision";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const DatasourceRevisionListSchema = lazySchema(() => import("@/lib/schemas/datasource-revision").then((m) => m.DatasourceRevisionList));

export type DatasourceRevision = DatasourceRevisionDto;

export const fetchDatasourceRevisions = (id: string, signal?: AbortSignal) =>
  apiFetch(`/api/datasources/${encodeURIComponent(id)}/revisions`, DatasourceRevisionListSchema, { signal });

export const datasourceRevisionsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...queryKeys.datasources, "revisions", id] as const,
    queryFn: ({ signal }) => fetchDatasourceRevisions(id, signal),
    select: (d) => [...d.items].sort((a, b) => b.version - a.version),
  });

export const useDatasourceRevisions = (id: string, enabled = true) => useQuery({ ...datasourceRevisionsQueryOptions(id), enabled });
