// Runs in the browser before the app's own code (Next.js instrumentation-client). zod 4 probes
// `new Function("")` once to decide whether to compile fast parsers; under Sightline's CSP (no
// 'unsafe-eval', lib/server/edge/security-headers.ts) that probe is refused, and Chromium reports
// the refusal as a CSP violation even though zod catches it. jitless skips the probe: parsing
// works the same, interpreted. It must be set before the first z.object() is built, hence here.
import { z } from "zod";

z.config({ jitless: true });
