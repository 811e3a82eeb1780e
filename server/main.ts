/**
 * The production server that `npm start` runs: Next.js serves the pages and the API, and the
 * write fast lane (fastLane.ts) serves the direct routes of lib/api/routes.ts from the same port
 * and process. FAST_WRITES=0 sends everything through Next.js.
 *
 * `npm run build` compiles this file to <distDir>/workbench-server.js (scripts/build-server.mjs),
 * so no TypeScript runs at run time.
 *
 * Environment: PORT (3000), BIND_ADDRESS (all interfaces), NEXT_DIST_DIR (.next), DATA_DIR,
 * DATABASE_URL (PostgreSQL instead of the SQLite file in DATA_DIR).
 */
import http from 'node:http';

async function main(): Promise<void> {
  // Before Next.js and React load: they pick their production builds from it.
  (process.env as Record<string, string>).NODE_ENV = 'production';
  // The database first: bad configuration stops the start with one line, before anything listens.
  const { openDatabase, openFailureLine } = await import('../lib/data/openDatabase');
  try {
    const opened = await openDatabase();
    console.log(`Database: ${opened.description}`);
  } catch (error) {
    console.error(openFailureLine(error));
    process.exit(1);
  }
  const { default: next } = await import('next');
  const { stampPeerAddress } = await import('../lib/auth/clientAddress');

  const port = Number(process.env.PORT || 3000);
  const host = process.env.BIND_ADDRESS || undefined;
  const fastLane = process.env.FAST_WRITES !== '0';
  const app = next({ dev: false, dir: process.env.APP_ROOT || process.cwd(), hostname: host ?? 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Only now: the route handlers import next/server and next/headers, which expect what
  // Next.js sets up while it prepares (its AsyncLocalStorage on globalThis).
  const { matchDirectRoute } = await import('../lib/api/routes');
  const { serveFast } = await import('./fastLane');

  const server = http.createServer((req, res) => {
    stampPeerAddress(req); // the socket's address, for sign-in throttling (lib/auth/clientAddress.ts)
    const match = fastLane ? matchDirectRoute(req.method, req.url) : null;
    if (match) void serveFast(req, res, match);
    else void handle(req, res);
  });
  // A port in use or an address that cannot be bound is a failed start, not a clean exit.
  server.once('error', (error) => {
    console.error(`Cannot serve on ${host ?? '*'}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    console.log(`Ready on http://${host ?? 'localhost'}:${port}${fastLane ? '' : ' (write fast lane off)'}`);
  });
  const stop = () => server.close(() => void app.close().finally(() => process.exit(0)));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
