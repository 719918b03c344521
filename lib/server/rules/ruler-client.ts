import "server-only";
// A Mimir/Cortex ruler API client (the configuration API, `<base>/prometheus/config/v1/rules`):
//   GET    …/rules/<namespace>           200 YAML `{<namespace>: [group, …]}`, 404 when it holds none
//   POST   …/rules/<namespace>           body: one group as YAML (application/yaml), 202
//   DELETE …/rules/<namespace>/<group>   202
// with the tenant in X-Scope-OrgID. Shapes from Mimir's pkg/ruler/api.go; tested against the
// stand-in in tests/helpers/ruler-stand-in.ts, since Mimir is not packaged here.
import { parse } from "yaml";
import { z } from "zod";
import type { RuleGroup } from "@/lib/promql/rules";
import { ruleGroupYaml } from "@/lib/promql/rules-yaml";
import { BackendProblem } from "@/lib/server/errors";
import { StoredGroup } from "./drift";

export interface RulerConfig {
  baseUrl: string;
  tenant?: string;
  namespace: string;
  timeoutMs: number;
}

export interface RulerClient {
  readonly namespace: string;
  listGroups(): Promise<StoredGroup[]>;
  setGroup(group: RuleGroup): Promise<void>;
  deleteGroup(name: string): Promise<void>;
}

const NamespaceAnswer = z.record(z.string(), z.array(StoredGroup));

export function createRulerClient(cfg: RulerConfig): RulerClient {
  const base = `${cfg.baseUrl.replace(/\/+$/, "")}/prometheus/config/v1/rules/${encodeURIComponent(cfg.namespace)}`;
  const headers: Record<string, string> = cfg.tenant ? { "X-Scope-OrgID": cfg.tenant } : {};

  async function send(method: string, url: string, body?: string): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/yaml" }) },
        body,
        signal: AbortSignal.timeout(cfg.timeoutMs),
        redirect: "error",
      });
    } catch (e) {
      const timeout = (e as Error).name === "TimeoutError";
      throw new BackendProblem(timeout ? "timeout" : "unavailable", "prometheus", `ruler ${method} ${url}: ${(e as Error).message}`);
    }
  }
  async function fail(res: Response, what: string): Promise<never> {
    const text = (await res.text()).slice(0, 300);
    const kind = res.status === 401 || res.status === 403 ? "unauthorized" : "bad_response";
    throw new BackendProblem(kind, "prometheus", `ruler ${what} answered HTTP ${res.status}: ${text}`);
  }

  return {
    namespace: cfg.namespace,
    async listGroups() {
      const res = await send("GET", base);
      if (res.status === 404) return [];
      if (!res.ok) return fail(res, "list");
      let doc: unknown;
      try {
        doc = parse(await res.text());
      } catch (e) {
        throw new BackendProblem("bad_response", "prometheus", `ruler list answered YAML that does not parse: ${(e as Error).message}`);
      }
      const parsed = NamespaceAnswer.safeParse(doc ?? {});
      if (!parsed.success) throw new BackendProblem("bad_response", "prometheus", "ruler list answered an unexpected shape (want {namespace: [groups]})");
      return parsed.data[cfg.namespace] ?? [];
    },
    async setGroup(group) {
      const res = await send("POST", base, ruleGroupYaml(group));
      if (!res.ok) await fail(res, `set ${group.name}`);
    },
    async deleteGroup(name) {
      const res = await send("DELETE", `${base}/${encodeURIComponent(name)}`);
      if (!res.ok && res.status !== 404) await fail(res, `delete ${name}`);
    },
  };
}
