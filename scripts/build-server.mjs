#!/usr/bin/env node
// Compiles the production server (server/main.ts with the route table and lib/ it reaches) into
// one CommonJS file in the build folder, after `next build`. Packages stay external: they are
// loaded from node_modules, as Next.js loads them, so the process has one copy of each.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const distDir = process.env.NEXT_DIST_DIR || '.next';

await build({
  entryPoints: [path.join(root, 'server', 'main.ts')],
  outfile: path.join(root, distDir, 'workbench-server.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  alias: { '@': root },
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(`Compiled the server into ${path.join(distDir, 'workbench-server.js')}`);
