// Save-time check of the URLs Sightline's server connects to (prometheusUrl, traceUrl) against the
// outbound guard, so a refused address is named in the form, not first at query time. The guard
// runs again before every request (DNS answers and the allow-list change). grafanaUrl is only a
// link the browser opens: the server never connects to it, so only its http(s) form is checked.
import "server-only";
import { ValidationError, type FieldIssue } from "@/lib/server/errors";
import { outboundRefusal } from "@/lib/server/net/guard";

export async function assertDatasourceUrls(fields: { prometheusUrl?: string; traceUrl?: string }): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const path of ["prometheusUrl", "traceUrl"] as const) {
    const url = fields[path];
    if (!url) continue;
    const why = await outboundRefusal(url);
    if (why) issues.push({ path, message: `Sightline will not connect to this URL: ${why}` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
