// Request and answer shapes of sign-in and the local users admin API (issue 20 item 2).
import { z } from "./zod";
import { ROLES } from "@/lib/auth/permissions";

const password = z.string().min(12, "at least 12 characters").max(200, "at most 200 characters");
const teams = z.array(z.string().trim().min(1).max(120)).max(50).default([]);

export const SignInInput = z
  .object({
    username: z.string().trim().min(1, "enter your user name").max(120),
    // Not min(12): a wrong short password is a wrong password (401), not a form error that tells what is stored.
    password: z.string().min(1, "enter your password").max(200),
  })
  .strict();
export type SignInInput = z.infer<typeof SignInInput>;

/** Local user names: what people type at sign-in and what revision history shows. */
const username = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, "letters, digits and . _ @ - (starting with a letter or digit)");

export const CreateUserInput = z
  .object({
    username,
    email: z.string().trim().max(254).email().optional(),
    role: z.enum(ROLES),
    teams,
    password,
  })
  .strict();
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .object({
    role: z.enum(ROLES).optional(),
    teams: teams.optional(),
    disabled: z.boolean().optional(),
    /** A password reset: the user's sessions end. */
    password: password.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "send at least one of role, teams, disabled, password");
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export interface UserDto {
  id: string;
  username: string;
  subject: string;
  email: string;
  role: (typeof ROLES)[number];
  teams: string[];
  disabled: boolean;
  /** local: signs in with a password here; oidc: through the identity provider. */
  kind: "local" | "oidc";
  createdAt: string;
  lastSignInAt: string | null;
}

export interface MeDto {
  mode: "local" | "oidc" | "proxy" | "demo";
  signedIn: boolean;
  user: { name: string; role: string; teams: string[] | null; via: string } | null;
  permissions: string[];
}
