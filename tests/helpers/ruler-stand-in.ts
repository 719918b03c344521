// A stand-in for the Mimir/Cortex ruler configuration API, since Mimir is not packaged here. It
// speaks the shapes of Mimir's pkg/ruler/api.go:
//   GET    /prometheus/config/v1/rules/<ns>          200 YAML {<ns>: [groups]}, 404 "no rule groups found"
//   POST   /prometheus/config/v1/rules/<ns>          one group as YAML → 202; 400 when promtool rejects it
//   DELETE /prometheus/config/v1/rules/<ns>/<group>  202, 404 when absent
// per tenant (X-Scope-OrgID; 401 "no org id" without one). Each posted group is validated by the
// real `promtool check rules`, as Mimir validates a group before storing it.
//
//   const ruler = await startRulerStandIn();  ...  ruler.groups("tenant-a", "sightline")  ...  await ruler.stop();
import http from "node:http";
import type net from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";
import { TMP_ROOT, runTool } from "./prometheus";

export interface RulerStandIn {
  url: string;
  /** Stored groups (as parsed from the posted YAML) of a tenant's namespace. */
  groups(tenant: string, namespace: string): Record<string, unknown>[];
  /** "METHOD path tenant" of every request, in order. */
  requests: string[];
  stop(): Promise<void>;
}

const PREFIX = "/prometheus/config/v1/rules/";

export async function startRulerStandIn(): Promise<RulerStandIn> {
  const dir = await mkdtemp(path.join(TMP_ROOT, "ruler-"));
  const store = new Map<string, Map<string, Record<string, unknown>>>(); // `${tenant}/${ns}` → group name → group
  const requests: string[] = [];
  let n = 0;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const tenant = req.headers["x-scope-orgid"];
    const url = new URL(req.url ?? "/", "http://x");
    requests.push(`${req.method} ${url.pathname} ${tenant ?? "-"}`);
    const send = (status: number, text: string, type = "text/plain") => res.writeHead(status, { "Content-Type": type }).end(text);
    if (typeof tenant !== "string" || tenant === "") return send(401, "no org id\n");
    if (!url.pathname.startsWith(PREFIX)) return send(404, "404 page not found\n");
    const [ns, group, ...rest] = url.pathname.slice(PREFIX.length).split("/").map(decodeURIComponent);
    if (!ns || rest.length) return send(404, "404 page not found\n");
    const key = `${tenant}/${ns}`;
    const groups = store.get(key) ?? new Map();

    if (req.method === "GET" && !group) {
      if (groups.size === 0) return send(404, "no rule groups found\n");
      return send(200, stringify({ [ns]: [...groups.values()] }), "application/yaml");
    }
    if (req.method === "POST" && !group) {
      if (!/yaml/.test(req.headers["content-type"] ?? "")) return send(415, "unsupported content type\n");
      let g: Record<string, unknown>;
      try {
        g = parse(body) as Record<string, unknown>;
      } catch (e) {
        return send(400, `unable to decode rule group: ${(e as Error).message}\n`);
      }
      if (!g || typeof g.name !== "string") return send(400, "invalid rules config: rule group name must not be empty\n");
      const file = path.join(dir, `g${n++}.yml`);
      await writeFile(file, stringify({ groups: [g] }));
      try {
        await runTool("/usr/bin/promtool", ["check", "rules", file]);
      } catch (e) {
        return send(400, `invalid rules config: ${(e as Error).message.slice(0, 500)}\n`);
      }
      groups.set(g.name, g);
      store.set(key, groups);
      return send(202, JSON.stringify({ status: "success", data: null, errorType: "", error: "" }), "application/json");
    }
    if (req.method === "DELETE" && group) {
      if (!groups.delete(group)) return send(404, "group does not exist\n");
      return send(202, JSON.stringify({ status: "success", data: null, errorType: "", error: "" }), "application/json");
    }
    return send(405, "method not allowed\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  let stopped: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    groups: (tenant, namespace) => [...(store.get(`${tenant}/${namespace}`)?.values() ?? [])],
    requests,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => server.close(() => resolve())).then(() => rm(dir, { recursive: true, force: true }))),
  };
}
