import type { NextConfig } from "next";

// TypeScript config, as create-next-app writes it: loading it needs `typescript`, a
// devDependency, which a release installed with `npm ci --omit=dev` does not have.
const nextConfig: NextConfig = {
  poweredByHeader: false,
};

export default nextConfig;
