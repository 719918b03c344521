import "server-only";
// The rules-directory target: one file per SLO group, `sightline-<slug>.rules.yml`, in a directory
// Prometheus loads (`rule_files: ["<dir>/sightline-*.rules.yml"]`), then POST /-/reload. Only files
// with that name pattern are Sightline's: anything else in the directory is never read or touched.
// Writes go to a dot-file first and are renamed into place, so Prometheus never reads half a file.
import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import type { RuleGroup } from "@/lib/promql/rules";
import { prometheusRuleFile } from "@/lib/promql/rules-yaml";
import { BackendProblem } from "@/lib/server/errors";
import { StoredGroup } from "./drift";

const FILE = /^sightline-[a-z0-9-]+\.rules\.yml$/;
export const fileFor = (groupName: string) => `${groupName}.rules.yml`;

/** The groups Sightline's files hold (a file that does not parse counts as a group that must be rewritten). */
export async function readDirectory(dir: string): Promise<{ groups: StoredGroup[]; files: Map<string, string> }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => FILE.test(n)).sort();
  } catch (e) {
    throw new BackendProblem("unavailable", "prometheus", `rules directory ${dir} cannot be read: ${(e as Error).message}`);
  }
  const groups: StoredGroup[] = [];
  const files = new Map<string, string>();
  for (const name of names) {
    const text = await readFile(path.join(dir, name), "utf8");
    const parsed = StoredGroup.array().safeParse(safeYaml(text)?.groups);
    const fallback = name.replace(/\.rules\.yml$/, "");
    // Unreadable content still names the group after its file, so it is reported "changed", not lost.
    for (const g of parsed.success ? parsed.data : [{ name: fallback, rules: [{ unreadable: true }] }]) {
      groups.push(g);
      files.set(g.name, name);
    }
  }
  return { groups, files };
}

function safeYaml(text: string): { groups?: unknown } | null {
  try {
    return parse(text) as { groups?: unknown };
  } catch {
    return null;
  }
}

export async function writeGroup(dir: string, group: RuleGroup): Promise<void> {
  const name = fileFor(group.name);
  const tmp = path.join(dir, `.${name}.tmp`);
  await writeFile(tmp, prometheusRuleFile([group]));
  await rename(tmp, path.join(dir, name));
}

export const removeFile = (dir: string, file: string) => rm(path.join(dir, file), { force: true });

/** POST /-/reload; Prometheus answers 200 once the new rules are loaded, or an error saying why not. */
export async function reloadPrometheus(url: string, timeoutMs: number): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  } catch (e) {
    const timeout = (e as Error).name === "TimeoutError";
    throw new BackendProblem(timeout ? "timeout" : "unavailable", "prometheus", `reload at ${url} failed: ${(e as Error).message}`);
  }
  if (!res.ok) {
    const body = (await res.text()).slice(0, 300);
    throw new BackendProblem("bad_response", "prometheus", `reload at ${url} answered HTTP ${res.status}: ${body}`);
  }
}
