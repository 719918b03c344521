// Input of GET /api/traces/:traceId?datasource=<id or slug>. The path's trace ID is normalised
// here (lib/traces/ids.ts): hex of 1–32 digits in any case (an exemplar's zero-stripped ID, a
// 64-bit ID) or base64 of 16 bytes (22 or 24 characters, as Tempo's JSON carries them; shorter
// base64 is refused here because words like "not-a-trace" are valid base64url of 8 bytes), always
// 32 lowercase hex digits after parsing. The answer is the Trace of lib/schemas/trace.ts.
import { z } from "./zod";
import { normaliseTraceId } from "@/lib/traces/ids";

export const TraceIdParam = z
  .string()
  .max(64, "a trace ID has at most 32 hex digits or 24 base64 characters")
  .transform((raw, ctx) => {
    if (!/^[0-9a-fA-F]+$/.test(raw) && raw.length !== 22 && raw.length !== 24) {
      ctx.addIssue({ code: "custom", message: "a trace ID is hex (1–32 digits) or base64 of 16 bytes (22 or 24 characters)" });
      return z.NEVER;
    }
    const r = normaliseTraceId(raw);
    if (r.ok) return r.hex;
    ctx.addIssue({ code: "custom", message: r.reason });
    return z.NEVER;
  });

export const TraceParams = z.object({ traceId: TraceIdParam }).strict();

export const TraceQuery = z
  .object({
    /** The datasource whose trace backend is asked: its id or slug. */
    datasource: z.string().min(1, "name the datasource whose trace backend to ask (?datasource=<id or slug>)").max(128),
  })
  .strict();
export type TraceQuery = z.infer<typeof TraceQuery>;
