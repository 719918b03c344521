// Prisma CLI configuration (Prisma 7 reads the connection from here, not from schema.prisma).
// `prisma generate` needs no database; the URL only matters for `prisma migrate deploy` where
// the schema engine is available. Offline we migrate with lib/server/migrate.ts instead.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
