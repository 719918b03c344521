-- Per-SLO alert settings (issue 18): tiers on/off, runbook URL, latency deviation. Additive: existing
-- rows get {} and read as the defaults (lib/schemas/rules.ts AlertSettings).
ALTER TABLE "Slo" ADD COLUMN "alerting" JSONB NOT NULL DEFAULT '{}';
