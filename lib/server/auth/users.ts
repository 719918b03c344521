// The local users admin verbs (issue 20 item 2): list, create, change role/teams/disabled, reset a
// password. Admins only ("user.manage"). A password reset or disabling ends the user's sessions;
// role and team changes apply at the next request (sessions read the user row each time).
import "server-only";
import type { CreateUserInput, UpdateUserInput, UserDto } from "@/lib/schemas/auth";
import { getDb } from "@/lib/server/db";
import { isUniqueViolation } from "@/lib/server/catalogue/prisma-errors";
import { DuplicateError, NotFoundError, StateConflictError } from "@/lib/server/errors";
import { assertAllowed, type AuthContext } from "./context";
import { LOCAL_SUBJECT_PREFIX, localSubject } from "./local-users";
import { hashPassword } from "./password";

type Row = { id: string; subject: string; name: string; email: string; role: string; teams: string[]; disabled: boolean; passwordHash: string | null; createdAt: Date; lastSignInAt: Date | null };

function toDto(u: Row): UserDto {
  return {
    id: u.id,
    username: u.name,
    subject: u.subject,
    email: u.email,
    role: u.role as UserDto["role"],
    teams: u.teams,
    disabled: u.disabled,
    kind: u.subject.startsWith(LOCAL_SUBJECT_PREFIX) ? "local" : "oidc",
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  };
}

export async function listUsers(auth: AuthContext): Promise<{ users: UserDto[] }> {
  assertAllowed(auth, "user.manage");
  const db = await getDb();
  const rows = await db.user.findMany({ orderBy: { name: "asc" } });
  return { users: rows.map(toDto) };
}

export async function createUser(auth: AuthContext, input: CreateUserInput): Promise<UserDto> {
  assertAllowed(auth, "user.manage");
  const db = await getDb();
  try {
    const row = await db.user.create({
      data: { subject: localSubject(input.username), name: input.username, email: input.email ?? "", role: input.role, teams: input.teams, passwordHash: await hashPassword(input.password) },
    });
    return toDto(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("user", "username", input.username);
    throw err;
  }
}

export async function updateUser(auth: AuthContext, id: string, input: UpdateUserInput): Promise<UserDto> {
  assertAllowed(auth, "user.manage");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new NotFoundError("user", id);
    if (input.password !== undefined && !user.subject.startsWith(LOCAL_SUBJECT_PREFIX))
      throw new StateConflictError(`"${user.name}" signs in through single sign-on; their password is kept by the identity provider`);
    const losesAdmin = user.role === "admin" && !user.disabled && ((input.role !== undefined && input.role !== "admin") || input.disabled === true);
    if (losesAdmin) {
      const admins = await tx.user.count({ where: { role: "admin", disabled: false } });
      if (admins <= 1) throw new StateConflictError(`"${user.name}" is the last enabled admin; make someone else admin first`);
    }
    const row = await tx.user.update({
      where: { id },
      data: {
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.teams !== undefined ? { teams: input.teams } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
      },
    });
    if (input.password !== undefined || input.disabled === true) await tx.session.deleteMany({ where: { userId: id } });
    return toDto(row);
  });
}
