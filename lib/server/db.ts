// The one Prisma client (ARCHITECTURE.md §12). It is created on first use, after the database is
// known to be ready (the embedded PostgreSQL may still be starting), and kept on globalThis so
// Next.js hot reloads do not open a new pool each time.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getDatabaseUrl } from "@/lib/server/postgres";

export type Db = PrismaClient;
/** What a `db.$transaction(async (tx) => ...)` callback receives. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

type Global = { __sightlinePrisma?: Promise<PrismaClient> };
const g = globalThis as Global;

export function getDb(): Promise<PrismaClient> {
  g.__sightlinePrisma ??= getDatabaseUrl()
    .then((url) => new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }))
    .catch((err) => {
      g.__sightlinePrisma = undefined;
      throw err;
    });
  return g.__sightlinePrisma;
}

/** Closes the pool (scripts and tests; a server keeps it for its lifetime). */
export async function disconnectDb(): Promise<void> {
  const pending = g.__sightlinePrisma;
  g.__sightlinePrisma = undefined;
  if (pending) await (await pending).$disconnect().catch(() => {});
}
