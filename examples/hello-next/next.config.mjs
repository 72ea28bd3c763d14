/**
 * Kept deliberately tiny: it must load with production dependencies only
 * (the installer runs `npm ci --omit=dev`), so it imports nothing.
 *
 * poweredByHeader: false is observable from outside (no `X-Powered-By`
 * header), which lets tests prove this file was shipped and honoured.
 *
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  poweredByHeader: false,
};

export default nextConfig;
