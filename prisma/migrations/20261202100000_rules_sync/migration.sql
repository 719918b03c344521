-- Rules sync log (issue 18): every POST /api/rules/sync with its drift, so the app can show the last one.
CREATE TABLE "RulesSync" (
    "id" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "syncedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dryRun" BOOLEAN NOT NULL,
    "changed" BOOLEAN NOT NULL,
    "reloaded" BOOLEAN NOT NULL,
    "groups" INTEGER NOT NULL,
    "drift" JSONB NOT NULL,
    "warnings" JSONB NOT NULL,
    "error" TEXT,

    CONSTRAINT "RulesSync_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "RulesSync_syncedAt_idx" ON "RulesSync"("syncedAt");
