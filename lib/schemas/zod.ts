// zod as every schema module imports it, configured first. zod 4 probes `new Function("")` when it
// builds an object schema, to decide whether to compile fast parsers; under Sightline's CSP (no
// 'unsafe-eval', lib/server/edge/security-headers.ts) the browser refuses that probe and reports a
// CSP violation even though zod catches it. jitless skips the probe (parsing works the same,
// interpreted). It must be set before the first schema is built: importing z from here guarantees
// it wherever the schemas load, eagerly on a form page or lazily with an API answer
// (lib/client/http.ts). The server keeps the compiled parsers.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
