// Recognises the constraint violations the catalogue turns into 409/422 answers. Matched on
// Prisma's stable error codes, so a race (two creates with one slug) ends as a clean conflict.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

const hasCode = (err: unknown, code: string) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === code;

/** P2002: unique constraint failed. */
export const isUniqueViolation = (err: unknown) => hasCode(err, "P2002");

/** P2003: foreign key constraint failed. */
export const isForeignKeyViolation = (err: unknown) => hasCode(err, "P2003");
