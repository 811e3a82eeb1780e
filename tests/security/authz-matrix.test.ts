/**
 * Runs every cell of tests/security/authz-matrix.ts: route handlers called directly with real
 * Requests (Bearer tokens from lib/data/tokens.ts, anonymous = no header), and lib/data
 * functions called directly as each kind of actor, on a real database (SQLite, or PostgreSQL
 * under vitest.pg.config.ts). A refused call must also leave every domain table exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { isAppError } from '@/lib/errors';
import { MATRIX, rowTitle, type DataRow, type Expected, type RouteRow } from './authz-matrix';
import { callRoute, importRoute, routeFile } from './routeCall';
import { ACTOR_KINDS, buildWorld, restoreCast, snapshot, type ActorKind, type World } from './world';

const ROOT = path.resolve(__dirname, '..', '..');
let world: World;

beforeAll(async () => {
  world = await buildWorld();
}, 60_000);

function matches(expected: Expected, status: number): boolean {
  return expected === 'ok' ? status >= 200 && status < 300 : status === expected;
}

async function runRouteCell(row: RouteRow, actor: ActorKind) {
  const mod = await importRoute(row.path);
  const call = await row.build(world, actor);
  const url = Object.entries(call.params).reduce((p, [k, v]) => p.replace(`:${k}`, v), row.path) + (call.query ? `?${call.query}` : '');
  const token = actor === 'anonymous' ? null : world.people[actor].token;
  const before = await snapshot();
  const result = await callRoute(mod!, { method: row.method, url, params: call.params, token, body: call.body, headers: call.headers });
  return { status: result.status, body: result.json, changed: (await snapshot()) !== before };
}

async function runDataCell(row: DataRow, actor: Exclude<ActorKind, 'anonymous'>) {
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, 'lib', 'data', `${row.module}.ts`))) as Record<string, (a: never) => unknown>;
  const call = await row.invoke(mod[row.fn], world, actor);
  const before = await snapshot();
  let status = 200;
  let body: unknown = null;
  try {
    await call();
  } catch (error) {
    if (!isAppError(error)) throw error;
    status = error.status;
    body = { error: { code: error.code, message: error.message } };
  }
  return { status, body, changed: (await snapshot()) !== before };
}

function present(row: (typeof MATRIX)[number]): boolean {
  if (row.kind === 'route') {
    if (!fs.existsSync(path.join(ROOT, routeFile(row.path)))) return false;
    const source = fs.readFileSync(path.join(ROOT, routeFile(row.path)), 'utf8');
    return new RegExp(`export (const|async function|function) ${row.method}\\b`).test(source);
  }
  const file = path.join(ROOT, 'lib', 'data', `${row.module}.ts`);
  if (!fs.existsSync(file)) return false;
  const source = fs.readFileSync(file, 'utf8');
  // A function defined here, or re-exported from a sibling module (export { fn } from './x').
  return new RegExp(`export ((async )?function|const) ${row.fn}\\b`).test(source) || new RegExp(`export \\{[^}]*\\b${row.fn}\\b[^}]*\\}`).test(source);
}

const missing = MATRIX.filter((row) => !present(row)).map(rowTitle);
test('every route and data function named in the matrix exists', () => {
  expect(missing).toEqual([]);
});

describe.each(MATRIX.filter(present).map((row) => [rowTitle(row) + (row.what ? ` (${row.what})` : ''), row] as const))('%s', (_title, row) => {
  const actors = ACTOR_KINDS.filter((a) => row.expect[a] !== 'n/a');
  test.each(actors)('as %s', async (actor) => {
    const expected = row.expect[actor];
    const result = row.kind === 'route' ? await runRouteCell(row, actor) : await runDataCell(row, actor as Exclude<ActorKind, 'anonymous'>);
    try {
      expect(matches(expected, result.status), `expected ${expected}, got ${result.status}: ${JSON.stringify(result.body)}`).toBe(true);
      if (expected !== 'ok') {
        expect(result.body, 'a refusal uses the {error: {code, message}} format').toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        expect(result.changed, 'a refused call changed the database').toBe(false);
      }
    } finally {
      await restoreCast(world);
    }
  });
});

test('every route file under app/api is covered by the matrix', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') files.push(path.relative(ROOT, full));
    }
  };
  walk(path.join(ROOT, 'app', 'api'));
  const covered = new Set(MATRIX.filter((r): r is RouteRow => r.kind === 'route').map((r) => routeFile(r.path)));
  const uncovered = files.filter((f) => !covered.has(f) && !f.includes('[...nextauth]'));
  expect(uncovered, 'route files missing from tests/security/authz-matrix.ts').toEqual([]);
});
