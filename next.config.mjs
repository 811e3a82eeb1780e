// @ts-check
import { securityHeaders } from './lib/http/securityHeaders.js';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets tests build without clobbering a running dev server.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2'],
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
