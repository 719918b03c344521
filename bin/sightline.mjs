#!/usr/bin/env node
// The Sightline CLI (issue 20 item 4): SLOs as code through the API, with plain node (no build, no
// dependencies). `apply` sends a file of OpenSLO v1 documents to POST /api/openslo/apply and prints
// the plan as a diff; `export` writes GET /api/openslo. Exit codes: 0 applied or nothing to do,
// 1 conflicts or invalid documents, 2 usage or connection errors (said in words, never a stack).
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const USAGE = `Usage:
  sightline apply -f slos.yaml [--dry-run] [--url URL] [--token TOKEN]
  sightline export [-o slos.yaml] [--team T] [--service S] [--versions] [--url URL] [--token TOKEN]

  -f, --file      OpenSLO v1 YAML file to apply ("-" reads standard input)
  --dry-run       show what would change, change nothing
  -o, --output    write the export to this file (default: standard output)
  --versions      export each SLO's version, so a later apply refuses to overwrite edits made since
  --url           Sightline's base URL (default $SIGHTLINE_URL or http://localhost:3000)
  --token         API token, sent as "Authorization: Bearer" (default $SIGHTLINE_TOKEN)

Exit status: 0 success or nothing to change, 1 conflicts or invalid documents, 2 usage or connection errors.`;

class UsageError extends Error {}

function fail(message, code = 2) {
  process.stderr.write(`sightline: ${message}\n`);
  process.exit(code);
}

function options(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        file: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        "dry-run": { type: "boolean", default: false },
        versions: { type: "boolean", default: false },
        team: { type: "string" },
        service: { type: "string" },
        url: { type: "string" },
        token: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError(err.message);
  }
}

async function request(base, path, { token, method = "GET", body, accept }) {
  let url;
  try {
    url = new URL(path, base.endsWith("/") ? base : `${base}/`);
  } catch {
    throw new UsageError(`--url "${base}" is not a URL`);
  }
  const headers = { accept };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  // Same-origin Origin: the API refuses state-changing requests from other sites without a token.
  if (method !== "GET") headers.origin = url.origin;
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: "manual", signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    const why = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(err);
    fail(`cannot reach Sightline at ${url.origin} (${why})`);
  }
  const text = await res.text();
  if (!res.ok) {
    let detail = text.slice(0, 300);
    try {
      const p = JSON.parse(text);
      detail = [p.detail ?? p.title, ...(p.errors ?? []).map((e) => `  ${e.path}: ${e.message}`)].filter(Boolean).join("\n");
    } catch {
      // Not problem+json (a proxy's page): the start of it is the best explanation there is.
    }
    const hint = res.status === 401 ? " (give an API token with --token or SIGHTLINE_TOKEN)" : "";
    fail(`${method} ${url.pathname} answered ${res.status}${hint}: ${detail}`);
  }
  return text;
}

// JSON, so a string's quotes, newlines and unicode read unambiguously (and objects on one line).
const show = (v) => (v === null || v === undefined ? "(none)" : JSON.stringify(v));

function printPlan(plan) {
  const mark = { create: "+", update: "~", unchanged: "=", conflict: "!", invalid: "!" };
  for (const e of plan.entries) {
    const head = `${mark[e.action]} ${e.name}`;
    // Written only when the entry carries the SLO it wrote (a plan with conflicts writes nothing).
    const done = e.slo !== undefined;
    if (e.action === "create") console.log(`${head}: ${done ? "created" : "would be created"}`);
    else if (e.action === "unchanged") console.log(`${head}: unchanged`);
    else if (e.action === "update") {
      console.log(`${head}: ${done ? "changed" : "would change"}`);
      for (const c of e.changes) console.log(`    ~ ${c.field}: ${show(c.old)} → ${show(c.new)}`);
    } else {
      console.log(`${head}: ${e.action === "conflict" ? "conflict" : "invalid"}: ${e.reason}`);
      for (const c of e.changes) console.log(`    ~ ${c.field}: ${show(c.old)} → ${show(c.new)}`);
    }
    for (const n of e.notes) console.log(`    ${e.action === "invalid" ? "!" : "·"} ${n.path}: ${n.message}`);
  }
  const s = plan.summary;
  const verb = plan.dryRun ? "plan" : plan.applied ? "applied" : "nothing applied";
  console.log(`${verb}: ${s.create} to create, ${s.update} to change, ${s.unchanged} unchanged, ${s.conflict} conflicts, ${s.invalid} invalid`);
  if (!plan.dryRun && !plan.applied && (s.conflict || s.invalid)) console.log("nothing was written: fix the conflicts and invalid documents first");
}

async function main(argv) {
  const { values: o, positionals } = options(argv);
  const [command, ...rest] = positionals;
  if (o.help || command === "help" || !command) {
    console.log(USAGE);
    return command || o.help ? 0 : 2;
  }
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const base = o.url ?? process.env.SIGHTLINE_URL ?? "http://localhost:3000";
  const token = o.token ?? process.env.SIGHTLINE_TOKEN ?? "";
  if (command === "apply") {
    if (!o.file) throw new UsageError("apply needs -f FILE");
    let yaml;
    try {
      yaml = readFileSync(o.file === "-" ? 0 : o.file, "utf8");
    } catch (err) {
      throw new UsageError(`cannot read ${o.file}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
    }
    const plan = JSON.parse(await request(base, "api/openslo/apply", { token, method: "POST", body: { yaml, dryRun: o["dry-run"] }, accept: "application/json" }));
    printPlan(plan);
    return plan.summary.conflict || plan.summary.invalid ? 1 : 0;
  }
  if (command === "export") {
    const q = new URLSearchParams({ format: "yaml" });
    if (o.team) q.set("team", o.team);
    if (o.service) q.set("service", o.service);
    if (o.versions) q.set("versions", "true");
    const text = await request(base, `api/openslo?${q}`, { token, accept: "application/yaml" });
    if (o.output) {
      try {
        writeFileSync(o.output, text);
      } catch (err) {
        throw new UsageError(`cannot write ${o.output}: ${err.message}`);
      }
    } else process.stdout.write(text);
    return 0;
  }
  throw new UsageError(`unknown command "${command}"`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof UsageError) fail(`${err.message}\n\n${USAGE}`);
    fail(`unexpected error: ${err?.message ?? err}`);
  },
);
