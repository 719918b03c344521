import "server-only";
// Rule downloads as HTTP responses: YAML in the asked format, warnings as comments at the top.
import type { RuleGroup } from "@/lib/promql/rules";
import { prometheusRuleFile, prometheusRuleManifest } from "@/lib/promql/rules-yaml";
import type { RulesFormat } from "@/lib/schemas/rules";

export function rulesResponse(groups: readonly RuleGroup[], format: RulesFormat, baseName: string, warnings: readonly string[]): Response {
  const notes = warnings.map((w) => `warning: ${w}`);
  const body = format === "prometheusrule" ? prometheusRuleManifest(groups, baseName, notes) : prometheusRuleFile(groups, notes);
  const file = `${baseName}.${format === "prometheusrule" ? "prometheusrule" : "rules"}.yml`;
  return new Response(body, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      // inline: viewable in a browser tab, still saved under this name.
      "content-disposition": `inline; filename="${file}"`,
      "cache-control": "no-store",
    },
  });
}
