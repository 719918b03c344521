// Shared setup for the catalogue API tests: a migrated throwaway PostgreSQL per test file, route
// handlers called directly with a Request (no HTTP server), and row counts for "nothing written".
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startTestPostgres, type TestPostgres } from "./postgres";

export type Handler = (req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Serialised as JSON with content-type application/json. */
  json?: unknown;
  /** Sent as is (with `headers` deciding the content type). */
  raw?: string;
  headers?: Record<string, string>;
  method?: string;
}

// Response bodies are whatever the API sent; the tests assert their shape at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface CallResult<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = Json>(handler: Handler, opts: CallOptions = {}): Promise<CallResult<T>> {
  const url = new URL("http://sightline.test/api/x");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.append(k, v);
  const headers: Record<string, string> = { ...(opts.json !== undefined ? { "content-type": "application/json" } : {}), ...opts.headers };
  const body = opts.json !== undefined ? JSON.stringify(opts.json) : opts.raw;
  const method = opts.method ?? (body === undefined ? "GET" : "POST");
  const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/**
 * Starts PostgreSQL for this file and points the app at it; every test starts with empty tables.
 * Returns a getter because the database only exists once beforeAll has run.
 */
export function setupCatalogueDatabase(): () => TestPostgres {
  let db: TestPostgres | undefined;
  beforeAll(async () => {
    db = await startTestPostgres();
    process.env.DATABASE_URL = db.url;
    process.env.SIGHTLINE_SECRET_KEY = randomBytes(32).toString("base64");
  });
  afterAll(async () => {
    const { disconnectDb } = await import("@/lib/server/db");
    await disconnectDb();
    await db?.stop();
  });
  beforeEach(async () => {
    await db!.truncate();
  });
  return () => db!;
}

export async function sql<T extends pg.QueryResultRow = Json>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

export async function rowCounts(url: string): Promise<{ datasources: number; slos: number; revisions: number }> {
  const [r] = await sql(
    url,
    `SELECT (SELECT count(*) FROM "Datasource")::int AS datasources, (SELECT count(*) FROM "Slo")::int AS slos,
            (SELECT count(*) FROM "SloRevision")::int AS revisions`,
  );
  return r;
}

export const datasourceInput = (over: Record<string, unknown> = {}) => ({
  slug: "prod-prom",
  name: "Production Prometheus",
  prometheusUrl: "http://prometheus.internal:9090",
  ...over,
});

export const sloInput = (datasourceId: string, over: Record<string, unknown> = {}) => ({
  slug: "checkout-latency",
  name: "Checkout latency",
  description: "POST /checkout answers fast",
  team: "payments",
  owner: "alice",
  service: "checkout",
  operation: "POST /checkout",
  thresholdSeconds: 0.512,
  objective: 0.995,
  window: { kind: "rolling", days: 28 },
  datasourceId,
  ...over,
});
