#!/usr/bin/env node
// `npm start`: builds the app when there is no build or the sources are newer than it, then
// serves it on PORT (3000) with the compiled server/main.ts: Next.js plus the write fast lane. The first
// start creates and migrates DATA_DIR, creates the first admin and loads the seed articles
// (see instrumentation.ts).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const distDir = process.env.NEXT_DIST_DIR || '.next';
const buildId = path.join(root, distDir, 'BUILD_ID');
const sources = ['app', 'components', 'lib', 'server', 'seeds', 'drizzle', 'instrumentation.ts', 'proxy.ts', 'next.config.mjs', 'package.json'];
const serverBundle = path.join(root, distDir, 'workbench-server.js');

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function needsBuild() {
  if (!fs.existsSync(buildId) || !fs.existsSync(serverBundle)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return sources.some((entry) => newestMtime(entry) > built);
}

if (needsBuild()) {
  console.log('Building the app (first start or changed sources)...');
  const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(process.execPath, ['--enable-source-maps', serverBundle], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
