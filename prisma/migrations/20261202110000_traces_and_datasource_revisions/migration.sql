-- Traces (issue 17): the trace backend gets its own credential (it is often another host than
-- Prometheus), and Grafana Explore links need the Tempo datasource's UID in that Grafana.
ALTER TABLE "Datasource" ADD COLUMN "traceAuthKind" "AuthKind" NOT NULL DEFAULT 'none';
ALTER TABLE "Datasource" ADD COLUMN "traceAuthSecretEnc" TEXT;
ALTER TABLE "Datasource" ADD COLUMN "grafanaTempoUid" TEXT NOT NULL DEFAULT '';

-- Datasource history (issue 20): who changed what and when, secrets redacted, like SLO revisions.
-- Kept when the datasource is deleted (no foreign key): the deletion itself is a revision.
CREATE TYPE "DatasourceRevisionAction" AS ENUM ('created', 'updated', 'deleted');

CREATE TABLE "DatasourceRevision" (
    "id" TEXT NOT NULL,
    "datasourceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "action" "DatasourceRevisionAction" NOT NULL,
    "actor" TEXT NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "DatasourceRevision_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "DatasourceRevision_datasourceId_version_key" ON "DatasourceRevision"("datasourceId", "version");
