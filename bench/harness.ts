/**
 * Shared plumbing for the write benchmark and the crash test: start the BUILT app on a fresh
 * DATA_DIR (loopback only), set up a project, articles, reviewers and API tokens on the same
 * database through lib/data, and time HTTP calls.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

export interface Server {
  port: number;
  dataDir: string;
  child: ChildProcess;
  base: string;
}

/** A fresh temporary DATA_DIR (the caller removes it). */
export function freshDataDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `workbench-${prefix}-`));
}

/** Waits until GET /api/health answers 200, or throws after `timeoutMs`. */
export async function waitHealthy(base: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server at ${base} did not become healthy in ${timeoutMs} ms.`);
}

const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
/**
 * The checkout whose build is served: this one, or BENCH_APP_ROOT (another checkout, e.g. of
 * main, to measure "before" with this bench's code).
 */
const APP_ROOT = process.env.BENCH_APP_ROOT ? path.resolve(process.env.BENCH_APP_ROOT) : ROOT;
/** The production server as `npm run build` compiles it (scripts/build-server.mjs). */
const SERVER_BUNDLE = path.join(APP_ROOT, DIST_DIR, 'workbench-server.js');

/**
 * Extra Node flags for the server process, e.g. BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * (Node refuses --cpu-prof in NODE_OPTIONS). Split on whitespace.
 */
const SERVER_ARGS = (process.env.BENCH_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean);

/** Builds the app and its server into NEXT_DIST_DIR (default .next) when there is no build yet. */
export function ensureBuilt(): void {
  if (fs.existsSync(path.join(APP_ROOT, DIST_DIR, 'BUILD_ID')) && fs.existsSync(SERVER_BUNDLE)) return;
  console.log(`No build in ${DIST_DIR}: building the app first ...`);
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: APP_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('The build failed.');
}

/**
 * Starts the built app with the compiled server (what scripts/start.mjs runs once the build is
 * current: Next.js plus the write fast lane) bound to 127.0.0.1, in its own process group so
 * kill -9 of the group is a real crash of the whole server. The existing build is used as is,
 * so a restart never triggers a rebuild. `env` adds settings such as FAST_WRITES=0.
 */
export async function startServer(port: number, dataDir: string, log = false, env: Record<string, string> = {}): Promise<Server> {
  ensureBuilt();
  const child = spawn(process.execPath, [...SERVER_ARGS, SERVER_BUNDLE], {
    cwd: APP_ROOT,
    detached: true,
    stdio: log ? 'inherit' : 'ignore',
    env: { ...process.env, ...env, PORT: String(port), BIND_ADDRESS: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production' },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitHealthy(base);
  return { port, dataDir, child, base };
}

/** Ends the server's whole process group: SIGKILL (a crash) or SIGTERM (a clean stop). */
export async function stopServer(server: Server, signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null || !server.child.pid) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  try {
    process.kill(-server.child.pid, signal);
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

export interface Timed {
  status: number;
  ms: number;
  json: unknown;
}

/** One API call with a bearer token; status 0 when the connection failed. */
export async function call(base: string, token: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Timed> {
  const started = performance.now();
  try {
    const res = await fetch(base + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, ms: performance.now() - started, json };
  } catch {
    return { status: 0, ms: performance.now() - started, json: null };
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A deterministic PRNG so a run can be replayed. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** A plausible article body of about `sentences` sentences. */
export function articleText(sentences: number, tag: string): string {
  const words = ['Ukraine', 'territories', 'statement', 'president', 'talks', 'London', 'officials', 'recognise', 'occupied', 'ceasefire', 'analysts', 'Kyiv'];
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    out.push(`Sentence ${i} of ${tag} mentions ${words[i % words.length]} and ${words[(i * 7) % words.length]} again.`);
    if (i % 6 === 5) out.push('\n\n');
  }
  return out.join(' ');
}
