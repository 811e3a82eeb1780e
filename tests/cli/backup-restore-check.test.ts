/**
 * `backup`, `restore` and `check` through the real command line. Every test gets a database
 * and a backup folder of its own (a fresh DATA_DIR holding the same sound data), so each
 * passes alone and in any order; a test that needs a backup makes one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { onPostgres } from '@/lib/db/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { closeDb, countRows, getDb, getSqlite } from '@/lib/db/client';
import { annotations, links, reviews, users } from '@/lib/db/tables';
import { databasePath } from '@/lib/config';
import { SYSTEM } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import { makeProject, makeUser } from '../helpers';
import { cli } from './run';
import { exec, first } from '@/lib/db/query';

let dir: string;
const BODY = 'Zelenskyy said Ukraine will never recognize the occupied territories as Russian.';
let ctx: { projectId: number; articleId: number; authorId: number; reviewerId: number };

async function annotate(start: number, end: number, exact = BODY.slice(start, end), status: 'proposed' | 'accepted' = 'proposed') {
  return await first(getDb()
    .insert(annotations)
    .values({ projectId: ctx.projectId, articleId: ctx.articleId, authorId: ctx.authorId, label: 'claim', start, end, exact, status })
    .returning());
}

async function userCount(): Promise<number> {
  return await countRows(getDb(), users);
}

beforeEach(async () => {
  await closeDb();
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-backup-data-'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-backup-'));
  const author = (await makeUser()).user;
  const reviewer = (await makeUser()).user;
  const project = await makeProject([[author.id, 'lead'], [reviewer.id, 'reviewer']]);
  const article = await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Statement', body: BODY } });
  ctx = { projectId: project.id, articleId: article.id, authorId: author.id, reviewerId: reviewer.id };
  const accepted = await annotate(0, 9, 'Zelenskyy', 'accepted');
  await exec(getDb().insert(reviews).values({ projectId: project.id, annotationId: accepted.id, reviewerId: reviewer.id, decision: 'accept', targetVersion: 1 }));
  await annotate(15, 22);
});

afterEach(async () => {
  await closeDb();
  for (const folder of [process.env.DATA_DIR!, dir]) fs.rmSync(folder, { recursive: true, force: true });
});

/** Backs this test's database up to nightly.sqlite in its folder and returns the path. */
function nightlyBackup(): string {
  const file = path.join(dir, 'nightly.sqlite');
  expect(cli(['backup', file]).code).toBe(0);
  return file;
}

describe('cli check', () => {
  it('passes every check on a sound database', () => {
    const result = cli(['check']);
    expect(result.code).toBe(0);
    expect(result.lines.slice(1, -1)).toEqual([
      'ok    integrity_check',
      'ok    foreign_key_check',
      'ok    annotation spans match their articles',
      'ok    no live link to a deleted annotation',
      'ok    annotation statuses match their reviews',
      'ok    link statuses match their reviews',
      'ok    only reviews of the current annotation version count',
      'ok    only reviews of the current link version count',
      'ok    review queue tallies match the live annotations and links',
      'ok    review queue counters per outlet and per article match the live annotations and links',
      'ok    review queue counters of what each reviewer reviewed, and article sizes, match the live reviews',
      'ok    reviews name the author of what they reviewed',
      'ok    article counters match their annotations',
      'ok    speaker suggestions match the live quotes',
      'ok    agreement totals match the cached agreement rows',
      'ok    inbox entries match the comments, reviews and verdicts they come from',
    ]);
    expect(result.lines.at(-1)).toBe('All 16 checks passed.');
  });
});

// PostgreSQL is backed up and restored with pg_dump / pg_restore (tests/db/pgBackup.test.ts); the
// CLI's backup and restore are SQLite's online backup API, and on PostgreSQL say so (below).
describe.skipIf(onPostgres())('cli backup', () => {
  it('writes a verified single-file copy and never overwrites', () => {
    const file = path.join(dir, 'nightly.sqlite');
    const result = cli(['backup', file]);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(new RegExp(`^Backed up .*workbench\\.sqlite to ${file} \\(\\d+ bytes; integrity_check ok\\)\\.$`));
    expect(result.lines[1]).toBe('It holds 2 users, 1 project, 1 article, 2 annotations, 0 links.');
    expect(fs.readdirSync(dir)).toEqual(['nightly.sqlite']);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('select count(*) from annotations').pluck().get()).toBe(2);
    copy.close();

    const again = cli(['backup', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`error: ${file} already exists; a backup never overwrites a file.\n`);
    const noFolder = cli(['backup', path.join(dir, 'missing', 'x.sqlite')]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toBe(`error: The folder ${path.join(dir, 'missing')} does not exist.\n`);
    expect(cli(['backup']).code).toBe(2);
  });
});

describe.skipIf(onPostgres())('cli restore', () => {
  it('puts a backup back, keeping the database it replaces', async () => {
    const file = nightlyBackup();
    expect(cli(['user', 'add', 'late@example.test']).code).toBe(0);
    expect(await userCount()).toBe(3);
    await closeDb();
    const result = cli(['restore', file]);
    expect(result.code).toBe(0);
    expect(result.lines.at(-1)).toBe(`Restored ${file} into ${databasePath()}; it holds 2 users, 1 project, 1 article, 2 annotations, 0 links.`);
    expect(await userCount()).toBe(2);
    expect(getSqlite().pragma('journal_mode', { simple: true })).toBe('wal');
    const kept = /^Saved the current database as (.+)\.$/.exec(result.lines[0])![1];
    const before = new Database(kept, { readonly: true });
    expect(before.prepare('select count(*) from users').pluck().get()).toBe(3);
    before.close();
    expect(cli(['check']).code).toBe(0);
  });

  it('refuses a file that is missing, not a database, not a workbench database, damaged or too new', async () => {
    const nightly = nightlyBackup();
    const other = path.join(dir, 'other.sqlite');
    const plain = new Database(other);
    plain.exec('create table notes (body text)');
    plain.close();
    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(nightly);
    bytes.fill(0x55, 4096 * 2);
    fs.writeFileSync(damaged, bytes);
    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(nightly, newer);
    const future = new Database(newer);
    future.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('from-the-future', Date.now());
    future.close();
    const cases: Array<[string, RegExp]> = [
      [newer, /newer\.sqlite was made by a newer version of the workbench \(\d+ migrations; this one knows \d+\)\.$/],
      [path.join(dir, 'nope.sqlite'), /: no such file\.$/],
      [path.resolve('package.json'), /package\.json is not an SQLite database\.$/],
      [other, /other\.sqlite is not a workbench database \(missing tables: __drizzle_migrations, users, .*\)\.$/],
      [damaged, /damaged\.sqlite fails integrity_check: /],
    ];
    for (const [file, message] of cases) {
      const result = cli(['restore', file]);
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')[0]).toMatch(message);
      expect(result.stderr.split('\n')[0]).toMatch(/^error: /);
    }
    expect(await userCount()).toBe(2);
  });
});

// On PostgreSQL every invariant is broken and reported in tests/db/pgCheck.test.ts.
describe.skipIf(onPostgres())('cli check failures', () => {
  it('reports each broken invariant with FAIL and exits 1', async () => {
    const mismatch = await annotate(10, 20, 'not the text');
    const outside = await annotate(30, 40);
    getSqlite().prepare('update annotations set "end" = ? where id = ?').run(BODY.length + 5, outside.id);
    await annotate(0, 9, 'Zelenskyy', 'accepted');
    const a = await annotate(40, 47);
    const b = await annotate(50, 57);
    const link = await first(getDb().insert(links).values({ projectId: ctx.projectId, fromAnnotationId: a.id, toAnnotationId: b.id, relation: 'conflicts', authorId: ctx.authorId }).returning());
    await exec(getDb().update(annotations).set({ deletedAt: new Date() }).where(eq(annotations.id, b.id)));
    const review = await first(getDb().insert(reviews).values({ projectId: ctx.projectId, linkId: link.id, reviewerId: ctx.reviewerId, decision: 'reject', targetVersion: 1 }).returning());
    getSqlite().pragma('foreign_keys = OFF');
    getSqlite().prepare("insert into memberships (project_id, user_id, role) values (?, 4242, 'viewer')").run(ctx.projectId);
    getSqlite().pragma('foreign_keys = ON');
    // Counters the triggers keep, changed behind their back.
    getSqlite().prepare("update queue_tallies set n = n + 2 where article_id = ? and label = 'claim'").run(a.articleId);
    getSqlite().prepare('update article_stats set quote_count = quote_count + 3 where article_id = ?').run(a.articleId);
    getSqlite().prepare("insert into speaker_tallies (project_id, speaker, n) values (?, 'Анна Ахматова', 4)").run(ctx.projectId);
    getSqlite().prepare("update queue_outlet_tallies set n = n - 1 where project_id = ? and label = 'link'").run(ctx.projectId);
    getSqlite().prepare('update reviews set target_author_id = reviewer_id where link_id = ?').run(link.id);
    getSqlite().prepare('update queue_reviewed_tallies set n = n + 5 where reviewer_id = ?').run(ctx.reviewerId);
    getSqlite().prepare("insert into inbox_entries (source, source_id, recipient_id, created_at) values ('verdict', 999999, ?, 5)").run(ctx.authorId);

    const result = cli(['check']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ok    integrity_check');
    expect(result.stdout).toMatch(/FAIL {2}foreign_key_check\n\s+memberships row \d+ refers to a missing row of users/);
    expect(result.stdout).toContain(
      [
        'FAIL  annotation spans match their articles',
        `        annotation ${mismatch.id} exact text differs from the article text at [10, 20)`,
        `        annotation ${outside.id} span [30, ${BODY.length + 5}) is outside its article (length ${BODY.length})`,
      ].join('\n'),
    );
    expect(result.stdout).toContain(`FAIL  no live link to a deleted annotation\n        link ${link.id} is live but its annotation ${b.id} is deleted`);
    expect(result.stdout).toMatch(/FAIL {2}annotation statuses match their reviews\n\s+annotation \d+ has status accepted but its reviews say proposed/);
    expect(result.stdout).toContain(`FAIL  link statuses match their reviews\n        link ${link.id} has status proposed but its reviews say rejected`);
    expect(result.stdout).toMatch(new RegExp(`FAIL  review queue tallies match the live annotations and links\\n\\s+queue tally of project ${ctx.projectId}, article ${a.articleId}, claims by user ${ctx.authorId}: kept \\d+, counted \\d+`));
    expect(result.stdout).toContain(`FAIL  article counters match their annotations\n        article ${a.articleId} quote count: kept 3, counted 0`);
    expect(result.stdout).toContain(`FAIL  speaker suggestions match the live quotes\n        speaker tally of project ${ctx.projectId}, speaker "Анна Ахматова": kept 4, counted 0`);
    expect(result.stdout).toMatch(
      new RegExp(`FAIL  review queue counters per outlet and per article match the live annotations and links\\n[^]*queue tally of project ${ctx.projectId}, outlet -, links by user ${ctx.authorId}: kept 0, counted 1`),
    );
    expect(result.stdout).toContain(`FAIL  reviews name the author of what they reviewed\n        review ${review.id} names user ${ctx.reviewerId} as the author of what it reviewed, but it is user ${ctx.authorId}`);
    expect(result.stdout).toMatch(
      new RegExp(`FAIL  review queue counters of what each reviewer reviewed, and article sizes, match the live reviews\\n[^]*reviewed tally of user ${ctx.reviewerId} in project ${ctx.projectId}, article ${a.articleId}, links by user ${ctx.authorId}: kept 6, counted 1`),
    );
    expect(result.stdout).toContain(`FAIL  inbox entries match the comments, reviews and verdicts they come from\n        inbox entry verdict 999999 for user ${ctx.authorId} is kept but not derived`);
    expect(result.lines.at(-1)).toBe('12 of 16 checks failed.');
    expect(result.stderr).toBe('error: 12 of 16 checks failed (see above).\n');
  });
});

describe.runIf(onPostgres())('cli backup and restore on PostgreSQL', () => {
  it('name the pg_dump and pg_restore commands instead, and change nothing', async () => {
    const before = await countRows(getDb(), users);
    const backup = cli(['backup', path.join(os.tmpdir(), 'never-written.sqlite')]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(/^error: On PostgreSQL \(DATABASE_URL\) back up with pg_dump: pg_dump -Fc/);
    const restore = cli(['restore', path.join(os.tmpdir(), 'never-read.sqlite')]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/^error: On PostgreSQL \(DATABASE_URL\) restore with pg_restore/);
    expect(await countRows(getDb(), users)).toBe(before);
  });
});
