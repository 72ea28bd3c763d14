import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  /* config options here */
  cacheComponents: true,
  partialPrefetching: true,
  // What Next's Docker and self-hosting guides set: .next/standalone holds a server.js and the
  // node_modules its traces need (sharp included, for next/image), so the server needs no npm ci.
  output: "standalone",
};

export default nextConfig;
