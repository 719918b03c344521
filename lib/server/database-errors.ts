// Recognises "the catalogue database cannot be reached" in whatever shape it arrives, so the API
// answers 503 with Retry-After instead of a 500: Prisma's connection codes (P1001 not reachable,
// P1002 timed out, P1008 socket timeout, P1017 connection closed, P2024 pool timeout, P2037 too
// many connections), the pg driver-adapter error kinds behind them, PostgreSQL's own codes for a
// server going away (class 08 connection exceptions, 57P01..57P03 shutdown/starting up, 53300 too
// many connections), and pg's own "Connection terminated" for a socket closed under a query.
// Matched on stable codes and shapes, not on class identity, so it needs no Prisma import. Bare
// socket codes (ECONNREFUSED...) are not matched: a metrics backend's fetch fails with those too.
import "server-only";

const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const POSTGRES_CODES = /^(08\w{3}|57P0[123]|53300)$/;
const PG_GONE = /^(Connection terminated|timeout exceeded when trying to connect)/;

type Shape = { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; meta?: unknown; kind?: unknown; originalCode?: unknown };

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e) || seen.size > 20) continue;
    seen.add(e);
    const x = e as Shape;
    if (typeof x.code === "string" && (PRISMA_CODES.has(x.code) || POSTGRES_CODES.test(x.code))) return true;
    if (typeof x.kind === "string" && ADAPTER_KINDS.has(x.kind)) return true;
    if (typeof x.originalCode === "string" && POSTGRES_CODES.test(x.originalCode)) return true;
    if (typeof x.message === "string" && PG_GONE.test(x.message)) return true;
    // Prisma keeps the adapter's error under meta.driverAdapterError, whose cause holds the kind.
    const meta = x.meta as { driverAdapterError?: unknown } | undefined;
    queue.push(x.cause, meta?.driverAdapterError);
  }
  return false;
}
