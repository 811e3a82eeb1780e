/**
 * `npm run cli -- import --project <p> --url <address>` through the real command line, against
 * a page this test serves on 127.0.0.1 (IMPORT_ALLOWED_HOSTS set for the child). The child is
 * spawned asynchronously so this process can answer its request.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { articles } from '@/lib/db/tables';
import { makeProject } from '../helpers';
import { all } from '@/lib/db/query';

const ROOT = path.resolve(__dirname, '..', '..');
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/story') return res.writeHead(200, { 'content-type': 'text/html' }).end(fs.readFileSync(path.join(__dirname, 'pages', 'cyrillic-emoji.html')));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['cli/index.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('cli import --url', () => {
  it('imports the article of a page and prints where its fields came from and what was removed', async () => {
    const project = await makeProject([]);
    const result = await cli(['import', '--project', project.slug, '--url', `${base}/story`], { IMPORT_ALLOWED_HOSTS: '127.0.0.1' });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${base}/story: imported as article \\d+ "Зеленский: Украина не признает оккупированные территории 🇺🇦"`));
    expect(result.stdout).toContain('metadata: title from og, outlet from og, publishedAt from og, language from meta');
    expect(result.stdout).toMatch(/removed 6 blocks \(related links 3, weather widget 1, navigation 1, share buttons 1\)/);
    expect(lines.at(-1)).toBe(`Imported 1, skipped 0, into project ${project.slug} (id ${project.id}).`);
    expect(await all(getDb().select().from(articles).where(eq(articles.projectId, project.id)))).toHaveLength(1);
  });

  it('refuses a loopback address that is not allowed, and a missing page, importing nothing', async () => {
    const project = await makeProject([]);
    const refused = await cli(['import', '--project', project.slug, '--url', `${base}/story`], { IMPORT_ALLOWED_HOSTS: '' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Nothing was imported\. 127\.0\.0\.1:\d+ resolves to 127\.0\.0\.1, a loopback address/);
    const missing = await cli(['import', '--project', project.slug, '--url', `${base}/gone`], { IMPORT_ALLOWED_HOSTS: '127.0.0.1' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/the page was not found \(HTTP 404\)/);
    expect(await all(getDb().select().from(articles).where(eq(articles.projectId, project.id)))).toHaveLength(0);
  });
});
