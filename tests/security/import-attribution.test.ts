/**
 * Issue #7 "hostile input": a lead must not be able to hand-edit a native export and import
 * work, reviews or verdicts credited to a colleague. Only lines signed by this server keep
 * their people; anything else is credited to the importer, with no reviews, and the names the
 * file gave are kept in the audit event. The command-line operator restores as before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { sqlAll, sqlFirst } from '@/lib/db/query';
import { importBatch } from '@/lib/data/imports';
import { createToken } from '@/lib/data/tokens';
import { buildFixture, type Fixture } from '../export/fixtures';
import { callRoute, importRoute } from './routeCall';
import { exportText } from '../export/collect';
import { cli } from '../cli/run';
import { makeProject } from '../helpers';

let f: Fixture;
let original: string;
beforeAll(async () => {
  f = await buildFixture();
  original = await exportText(f.lead.actor, f.project.id, { format: 'jsonl' });
});

/** The parts of a native JSONL article line these tests edit. */
interface Line {
  signature?: string;
  annotations: Array<{ id: number; start: number; label?: string; attributes?: Record<string, unknown>; verdicts?: unknown[]; author: { id: number; name: string } }>;
  links: Array<Record<string, unknown>>;
}
/** The rows of a raw statement on this file's engine (SQLite, or PostgreSQL under vitest.pg.config.ts). */
const rowsOf = <T>(statement: ReturnType<typeof sql>) => sqlAll<T>(getDb(), statement);
/** The one column of every row. */
const column = async <T>(statement: ReturnType<typeof sql>) => (await rowsOf<{ v: T }>(statement)).map((r) => r.v);
/** JSON as stored: text on SQLite, already parsed from jsonb on PostgreSQL. */
const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
/** A timestamp selected raw: milliseconds on SQLite, a Date on PostgreSQL. */
/** A time read raw: SQLite's milliseconds, or PostgreSQL's timestamptz text ("2026-12-04 21:11:49.52+00"). */
const ms = (value: unknown) => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && !/^\d+$/.test(value)) return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).getTime();
  return Number(value);
};
const file = (text: string, name = 'export.jsonl') => ({ name, bytes: new TextEncoder().encode(text) });
const sameMembers = async () => await makeProject([[f.lead.user.id, 'lead'], [f.reviewer.user.id, 'reviewer'], [f.viewer.user.id, 'viewer']]);

/** The export's lines; `emoji` is the article line holding ctx1 (by the lead) and all 4 links (1 inside it). */
function exportLines(text = original) {
  const [manifest, ...articles] = text.trimEnd().split('\n');
  const emojiIndex = articles.findIndex((l) => JSON.parse(l).title === 'Article emoji');
  return { manifest, articles, emojiIndex, emoji: articles[emojiIndex] };
}

/** The emoji line with ctx1 (the lead's annotation) credited to the viewer, a real member. */
function impersonating(line: string): string {
  const value: Line = JSON.parse(line);
  const ctx1 = value.annotations.find((a) => a.id === f.annotations.ctx1.id)!;
  ctx1.author = { id: f.viewer.user.id, name: 'Vera Viewer' };
  return JSON.stringify(value);
}

const people = (projectId: number, table: 'annotations' | 'links' | 'verdicts' | 'reviews', by = 'author_id') =>
  column<number>(sql`select distinct ${sql.identifier(by)} as v from ${sql.identifier(table)} where project_id = ${projectId}`);
const count = async (projectId: number, table: string) =>
  Number((await sqlFirst<{ n: number }>(getDb(), sql`select count(*) as n from ${sql.identifier(table)} where project_id = ${projectId}`))!.n);
const totalOf = async (table: string) => Number((await sqlFirst<{ n: number }>(getDb(), sql`select count(*) as n from ${sql.identifier(table)}`))!.n);
const importEvents = async (projectId: number) =>
  (await column<unknown>(sql`select after as v from events where project_id = ${projectId} and action = 'article.import' order by id`)).map(parsed);

/** What an unverified emoji line must become: all the lead's, no reviews, derived statuses. */
async function expectCreditedToLead(projectId: number, result: Awaited<ReturnType<typeof importBatch>>, signature: string) {
  expect(result.files[0]).toMatchObject({ unverifiedLines: 1, droppedReviews: 5, links: 1, skippedLinks: 3, reassignedAuthors: 0 });
  expect(await people(projectId, 'annotations')).toEqual([f.lead.user.id]);
  expect(await people(projectId, 'links')).toEqual([f.lead.user.id]);
  expect(await count(projectId, 'verdicts'), 'verdicts imported from an unverified line').toBe(0);
  expect(await count(projectId, 'reviews'), 'reviews imported from an unverified line').toBe(0);
  const statuses = await column<string>(sql`select distinct status as v from annotations where project_id = ${projectId} union select distinct status from links where project_id = ${projectId}`);
  expect(statuses).toEqual(['proposed']);
  const [event] = await importEvents(projectId);
  expect(event.signature).toBe(signature);
  expect(event.unverifiedAuthors).toEqual(expect.arrayContaining(['Rami Reviewer', 'Lena Lead']));
}

describe('a native line this server did not sign keeps nobody\'s name', () => {
  it('an author edited to a colleague: the line is credited to the importing lead, no reviews, names in the audit event', async () => {
    const { manifest, emoji } = exportLines();
    const target = await sameMembers();
    const result = await importBatch({ actor: f.lead.actor, projectId: target.id, files: [file(`${manifest}\n${impersonating(emoji)}\n`)] });
    await expectCreditedToLead(target.id, result, 'invalid');
    expect((await importEvents(target.id))[0].unverifiedAuthors).toContain('Vera Viewer');
    expect(result.files[0]).toMatchObject({ droppedVerdicts: 2 });
  });

  it('only the edited line loses its people; the signed lines of the same file keep theirs', async () => {
    const { manifest, articles, emojiIndex } = exportLines();
    articles[emojiIndex] = impersonating(articles[emojiIndex]);
    const target = await sameMembers();
    const result = await importBatch({ actor: f.lead.actor, projectId: target.id, files: [file([manifest, ...articles].join('\n') + '\n')] });
    expect(result.files[0]).toMatchObject({ unverifiedLines: 1, reassignedAuthors: 0 });
    expect(await people(target.id, 'annotations')).toEqual(expect.arrayContaining([f.reviewer.user.id, f.lead.user.id, f.viewer.user.id]));
    expect(result.files[0].imported.filter((a) => a.unverified).map((a) => a.title)).toEqual(['Article emoji']);
    const emojiId = result.files[0].imported.find((a) => a.title === 'Article emoji')!.articleId;
    expect(await column<number>(sql`select distinct author_id as v from annotations where article_id = ${emojiId}`)).toEqual([f.lead.user.id]);
    expect(Number((await sqlFirst<{ n: number }>(getDb(), sql`select count(*) as n from reviews r join annotations a on a.id = r.annotation_id where a.article_id = ${emojiId}`))!.n)).toBe(0);
    const signatures = (await importEvents(target.id)).map((e) => e.signature).sort();
    expect(signatures).toEqual(['invalid', 'verified', 'verified', 'verified']);
  });

  it('a forged signature value is no better', async () => {
    const { manifest, emoji } = exportLines();
    const forged = impersonating(emoji).replace(/"v1:[0-9a-f]{64}"/, `"v1:${'ab'.repeat(32)}"`);
    const target = await sameMembers();
    const result = await importBatch({ actor: f.lead.actor, projectId: target.id, files: [file(`${manifest}\n${forged}\n`)] });
    await expectCreditedToLead(target.id, result, 'invalid');
  });

  it('an unedited line without its signature is unsigned, and treated the same', async () => {
    const { manifest, emoji } = exportLines();
    const { signature: _drop, ...rest } = JSON.parse(emoji);
    const target = await sameMembers();
    const result = await importBatch({ actor: f.lead.actor, projectId: target.id, files: [file(`${manifest}\n${JSON.stringify(rest)}\n`)] });
    await expectCreditedToLead(target.id, result, 'unsigned');
  });

  it('a line signed by another server (another secret) is treated the same', async () => {
    const saved = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = 'another-server-secret';
    let elsewhere: string;
    try {
      elsewhere = await exportText(f.lead.actor, f.project.id, { format: 'jsonl' });
    } finally {
      process.env.AUTH_SECRET = saved;
    }
    const { manifest, emoji } = exportLines(elsewhere);
    const target = await sameMembers();
    const result = await importBatch({ actor: f.lead.actor, projectId: target.id, files: [file(`${manifest}\n${emoji}\n`)] });
    await expectCreditedToLead(target.id, result, 'invalid');
  });
});

/** The emoji line with every server-owned field forged (issue 13, item 7), unsigned. */
function forgedServerFields(line: string): string {
  const { signature: _drop, ...value }: Line = JSON.parse(line);
  const old = '2000-01-01T00:00:00.000Z';
  for (const a of value.annotations) {
    Object.assign(a, { version: 99, createdAt: old, updatedAt: old, prefix: 'FORGED PREFIX', suffix: 'FORGED SUFFIX' });
    if (a.label === 'claim') a.attributes = { ...a.attributes, verdict: 'true' };
    a.verdicts = [{ id: 1, author: { id: f.lead.user.id, name: 'Lena Lead' }, verdict: 'true', rationale: 'Backdated.', evidenceLinkIds: [], isFinal: true, createdAt: old }];
  }
  for (const l of value.links) Object.assign(l, { version: 99, createdAt: old, updatedAt: old });
  return JSON.stringify(value);
}

/** Checks that the server, not the line, set every server-owned field of `projectId`. */
async function expectServerOwned(projectId: number) {
  const rows = await rowsOf<{ version: number; created_at: unknown; updated_at: unknown; prefix: string; suffix: string; attributes: unknown; start: number; end: number; body: string }>(
    sql`select a.version, a.created_at, a.updated_at, a.prefix, a.suffix, a.attributes, a.start, a."end", b.body from annotations a join articles b on b.id = a.article_id where a.project_id = ${projectId}`,
  );
  expect(rows.length).toBeGreaterThan(0);
  const since = Date.now() - 60_000;
  for (const r of rows) {
    expect(r.version).toBe(1);
    expect(ms(r.created_at)).toBeGreaterThan(since);
    expect(ms(r.updated_at)).toBeGreaterThan(since);
    expect(r.prefix).toBe(r.body.slice(Math.max(0, r.start - 32), r.start));
    expect(r.suffix).toBe(r.body.slice(r.end, r.end + 32));
    expect(parsed(r.attributes)).not.toHaveProperty('verdict');
  }
  const links = await rowsOf<{ version: number; created_at: unknown }>(sql`select version, created_at from links where project_id = ${projectId}`);
  for (const l of links) expect([l.version, ms(l.created_at) > since]).toEqual([1, true]);
  expect(await count(projectId, 'verdicts'), 'verdicts from an unsigned line').toBe(0);
}

describe('an unsigned native line sets no server-owned field', () => {
  it('lib/data: version, times, prefix and suffix, verdict attribute and final verdicts are the server\'s', async () => {
    const { manifest, emoji } = exportLines();
    const target = await sameMembers();
    const result = await importBatch({ actor: f.lead.actor, projectId: target.id, files: [file(`${manifest}\n${forgedServerFields(emoji)}\n`)] });
    expect(result.files[0]).toMatchObject({ unverifiedLines: 1 });
    expect(result.files[0].droppedVerdicts).toBeGreaterThan(0);
    await expectServerOwned(target.id);
  });

  it('HTTP: the same through POST /api/projects/:projectId/imports', async () => {
    const { manifest, emoji } = exportLines();
    const target = await sameMembers();
    const { token } = await createToken({ actor: f.lead.actor, input: { name: 'import' } });
    const form = new FormData();
    form.append('files', new Blob([`${manifest}\n${forgedServerFields(emoji)}\n`], { type: 'application/x-ndjson' }), 'forged.jsonl');
    const mod = (await importRoute('/api/projects/:projectId/imports'))!;
    const result = await callRoute(mod, { method: 'POST', url: `/api/projects/${target.id}/imports`, params: { projectId: String(target.id) }, token, form });
    expect(result.status, result.text).toBe(201);
    await expectServerOwned(target.id);
  });

  it('a signed line keeps its history', async () => {
    const target = await sameMembers();
    await importBatch({ actor: f.lead.actor, projectId: target.id, files: [file(original)] });
    expect(await count(target.id, 'verdicts')).toBe(await count(f.project.id, 'verdicts'));
  });
});

describe('what this server signed, and the operator, keep their people', () => {
  it('an unmodified export keeps every author and review', async () => {
    const target = await sameMembers();
    const result = await importBatch({ actor: f.lead.actor, projectId: target.id, files: [file(original)] });
    expect(result.files[0]).toMatchObject({ unverifiedLines: 0, droppedReviews: 0, reassignedAuthors: 0 });
    expect(await count(target.id, 'reviews')).toBe(await count(f.project.id, 'reviews'));
    expect(await people(target.id, 'reviews', 'reviewer_id')).toEqual(expect.arrayContaining([f.reviewer.user.id, f.lead.user.id]));
    for (const event of await importEvents(target.id)) {
      expect(event.signature).toBe('verified');
      expect(event.unverifiedAuthors).toBeUndefined();
    }
  });

  it('the command-line operator restores an edited file as it says, like a backup', async () => {
    const { manifest, emoji } = exportLines();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attribution-'));
    const edited = path.join(dir, 'edited.jsonl');
    fs.writeFileSync(edited, `${manifest}\n${impersonating(emoji)}\n`);
    const target = await sameMembers();
    // The command line runs on this file's database: on PostgreSQL it is given DATABASE_URL (tests/cli/run.ts leaves it out unless asked).
    const run = cli(['import', '--project', target.slug, edited], { env: onPostgres() ? { DATABASE_URL: process.env.DATABASE_URL! } : {} });
    expect(run.code, run.stderr).toBe(0);
    expect((await column<number>(sql`select author_id as v from annotations where project_id = ${target.id} and exact = ${f.annotations.ctx1.exact} limit 1`))[0]).toBe(f.viewer.user.id);
    expect(await people(target.id, 'reviews', 'reviewer_id')).toEqual(expect.arrayContaining([f.reviewer.user.id, f.lead.user.id]));
    expect(await count(target.id, 'reviews')).toBe(5);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a refused batch writes nothing, signed or not', () => {
  it('an unverified file next to a file with a broken span: 422, no row changes anywhere', async () => {
    const { manifest, emoji, articles } = exportLines();
    const broken: Line = JSON.parse(articles.find((l) => l !== emoji)!);
    broken.annotations[0].start += 1;
    const target = await sameMembers();
    const tables = ['articles', 'annotations', 'links', 'reviews', 'verdicts', 'events'];
    const totals = async () => Promise.all(tables.map(totalOf));
    const before = await totals();
    const files = [file(`${manifest}\n${impersonating(emoji)}\n`, 'edited.jsonl'), file(`${manifest}\n${JSON.stringify(broken)}\n`, 'broken.jsonl')];
    await expect(importBatch({ actor: f.lead.actor, projectId: target.id, files })).rejects.toThrow(expect.objectContaining({ status: 422 }));
    expect(await totals()).toEqual(before);
  });
});
