// Request and answer shapes of the API token endpoints (issue 20 item 3). The secret appears only
// in CreatedTokenDto, the one answer to POST /api/tokens; TokenDto (lists) never carries it.
import { z } from "./zod";
import { PERMISSIONS } from "@/lib/auth/permissions";

/** Default lifetime when expiresInDays is not sent; "never" must be asked for explicitly (null). */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export const CreateTokenInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "give the token a name (what uses it, e.g. \"ci-apply\")")
      .max(80, "at most 80 characters")
      .regex(/^[^\u0000-\u001f\u007f]*$/, "no control characters"),
    /** Defaults to all of the creator's own permissions. */
    scopes: z
      .array(z.enum(PERMISSIONS))
      .min(1, "pick at least one permission")
      .max(PERMISSIONS.length)
      .refine((s) => new Set(s).size === s.length, "each permission once")
      .optional(),
    /** Whole days, 1..365; null = never expires (explicitly). Omitted = 90. */
    expiresInDays: z.number().int("whole days").min(1, "at least 1 day").max(MAX_TOKEN_DAYS, `at most ${MAX_TOKEN_DAYS} days`).nullable().default(DEFAULT_TOKEN_DAYS),
  })
  .strict();
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

export const TokenDto = z.object({
  id: z.string(),
  name: z.string(),
  /** The token's first characters ("slt_<id>_ab12"), to tell tokens apart. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  /** Whose token it is (admins' lists of all tokens show it). */
  owner: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenDto = z.infer<typeof TokenDto>;

export const CreatedTokenDto = TokenDto.extend({
  /** The whole token; shown once, never stored or sent again. */
  secret: z.string(),
});
export type CreatedTokenDto = z.infer<typeof CreatedTokenDto>;

export const TokenList = z.object({
  items: z.array(TokenDto),
  /** Why this caller cannot own tokens (demo mode), in words; null when they can. */
  unavailable: z.string().nullable(),
});
export type TokenList = z.infer<typeof TokenList>;
