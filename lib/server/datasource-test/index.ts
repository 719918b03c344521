import "server-only";
// The connection test verbs: POST /api/datasources/:id/test (stored datasource, optionally with
// unsaved edits on top) and POST /api/datasource-tests (a datasource not saved yet). Prometheus
// and the trace backend are checked at the same time; each check says in words what it reached.
import { ConnectionTestReport, type TestConnectionInput, type TestConnectionOverlay } from "@/lib/schemas/datasource-test";
import { getDatasourceWithSecret } from "@/lib/server/catalogue/datasources";
import { configFromInput, configFromOverlay, type ConnectionConfig } from "./config";
import { checkPrometheus } from "./prometheus";
import { checkTraces } from "./traces";

export async function runConnectionTest(cfg: ConnectionConfig, usedStoredSecrets: ConnectionTestReport["usedStoredSecrets"] = [], fetchImpl?: typeof fetch): Promise<ConnectionTestReport> {
  const [prom, traces] = await Promise.all([checkPrometheus(cfg, fetchImpl), checkTraces(cfg, fetchImpl)]);
  const checks = [...prom, traces];
  // Re-parsed like every DTO: nothing but the schema's fields leaves.
  return ConnectionTestReport.parse({ ok: checks.every((c) => c.outcome !== "failed"), checks, usedStoredSecrets });
}

export async function testStoredDatasource(idOrSlug: string, overlay: TestConnectionOverlay): Promise<ConnectionTestReport> {
  const { config, usedStored } = configFromOverlay(await getDatasourceWithSecret(idOrSlug), overlay);
  return runConnectionTest(config, usedStored);
}

export const testUnsavedDatasource = (input: TestConnectionInput): Promise<ConnectionTestReport> => runConnectionTest(configFromInput(input));
