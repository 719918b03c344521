-- CreateEnum
CREATE TYPE "AuthKind" AS ENUM ('none', 'bearer', 'basic');

-- CreateEnum
CREATE TYPE "ProducerProfile" AS ENUM ('auto', 'tempo', 'otel');

-- CreateEnum
CREATE TYPE "TraceBackend" AS ENUM ('none', 'tempo', 'jaeger');

-- CreateEnum
CREATE TYPE "OperationMatch" AS ENUM ('exact', 'regex');

-- CreateEnum
CREATE TYPE "SpanKind" AS ENUM ('SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER');

-- CreateEnum
CREATE TYPE "WindowKind" AS ENUM ('rolling', 'calendar');

-- CreateEnum
CREATE TYPE "SloStatus" AS ENUM ('draft', 'active', 'archived');

-- CreateEnum
CREATE TYPE "RevisionAction" AS ENUM ('created', 'updated', 'archived', 'restored');

-- CreateTable
CREATE TABLE "Datasource" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prometheusUrl" TEXT NOT NULL,
    "pathPrefix" TEXT NOT NULL DEFAULT '',
    "tenant" TEXT NOT NULL DEFAULT '',
    "authKind" "AuthKind" NOT NULL DEFAULT 'none',
    "authSecretEnc" TEXT,
    "producerProfile" "ProducerProfile" NOT NULL DEFAULT 'auto',
    "traceBackend" "TraceBackend" NOT NULL DEFAULT 'none',
    "traceUrl" TEXT NOT NULL DEFAULT '',
    "grafanaUrl" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Datasource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Slo" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "team" TEXT NOT NULL DEFAULT '',
    "owner" TEXT NOT NULL DEFAULT '',
    "service" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "operationMatch" "OperationMatch" NOT NULL DEFAULT 'exact',
    "spanKind" "SpanKind",
    "extraMatchers" JSONB NOT NULL DEFAULT '[]',
    "thresholdSeconds" DOUBLE PRECISION NOT NULL,
    "objective" DOUBLE PRECISION NOT NULL,
    "windowKind" "WindowKind" NOT NULL,
    "windowDays" INTEGER,
    "countErrorsAsBad" BOOLEAN NOT NULL DEFAULT false,
    "minEvents" INTEGER NOT NULL DEFAULT 0,
    "status" "SloStatus" NOT NULL DEFAULT 'active',
    "version" INTEGER NOT NULL DEFAULT 1,
    "datasourceId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Slo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SloRevision" (
    "id" TEXT NOT NULL,
    "sloId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "action" "RevisionAction" NOT NULL,
    "actor" TEXT NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" JSONB,
    "after" JSONB NOT NULL,

    CONSTRAINT "SloRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Datasource_slug_key" ON "Datasource"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Slo_slug_key" ON "Slo"("slug");

-- CreateIndex
CREATE INDEX "Slo_team_idx" ON "Slo"("team");

-- CreateIndex
CREATE INDEX "Slo_service_idx" ON "Slo"("service");

-- CreateIndex
CREATE INDEX "Slo_status_idx" ON "Slo"("status");

-- CreateIndex
CREATE INDEX "Slo_datasourceId_idx" ON "Slo"("datasourceId");

-- CreateIndex
CREATE UNIQUE INDEX "SloRevision_sloId_version_key" ON "SloRevision"("sloId", "version");

-- AddForeignKey
ALTER TABLE "Slo" ADD CONSTRAINT "Slo_datasourceId_fkey" FOREIGN KEY ("datasourceId") REFERENCES "Datasource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SloRevision" ADD CONSTRAINT "SloRevision_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
