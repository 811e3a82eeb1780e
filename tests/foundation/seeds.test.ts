/** Loading the seed corpus: idempotent, verbatim apart from the offsets normalization. */
import fs from 'node:fs';
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { countRows, getDb } from '@/lib/db/client';
import { articleRevisions, articles, events, memberships, projects } from '@/lib/db/tables';
import { normalizeArticleText } from '@/lib/anchoring/normalize';
import { loadSeeds, SEED_PROJECT, seedFiles } from '@/seeds/load';
import { statedMetadata } from '@/seeds/metadata';
import { makeUser } from '../helpers';
import { all, exec, first } from '@/lib/db/query';

/** The stored seed article of each seed file, in file order (found by content, not by id). */
async function rowsInFileOrder() {
  const rows = await all(getDb().select().from(articles));
  return seedFiles().map((file) => rows.find((r) => r.sha256 === crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')));
}

// The first load happens once for the file (the seed project has a fixed slug); each test
// then checks what it left, and none depends on another having run.
let lead: { id: number };
let firstLoad: Awaited<ReturnType<typeof loadSeeds>>;
beforeAll(async () => {
  lead = (await makeUser({ admin: true })).user;
  firstLoad = await loadSeeds(lead.id);
});

describe('loadSeeds', () => {
  it('loads the five files into the seed project with the given lead, and adds nothing the second time', async () => {
    expect(firstLoad.added).toBe(5);
    const project = (await first(getDb().select().from(projects).where(eq(projects.slug, SEED_PROJECT.slug))))!;
    expect(project).toMatchObject({ id: firstLoad.projectId, name: SEED_PROJECT.name, createdBy: lead.id });
    expect(await all(getDb().select().from(memberships).where(eq(memberships.projectId, project.id)))).toEqual([
      expect.objectContaining({ userId: lead.id, role: 'lead' }),
    ]);
    const eventsBefore = await countRows(getDb(), events);

    const second = await loadSeeds(lead.id);
    expect(second).toEqual({ projectId: firstLoad.projectId, added: 0 });
    expect(await countRows(getDb(), articles)).toBe(5);
    expect(await countRows(getDb(), projects)).toBe(1);
    expect(await countRows(getDb(), memberships)).toBe(1);
    expect(await countRows(getDb(), events)).toBe(eventsBefore);
  });

  it('stores each body as the normalized file, with the sha256 of its UTF-8 bytes', async () => {
    const files = seedFiles();
    expect(files).toHaveLength(5);
    const rows = await rowsInFileOrder();
    rows.forEach((row, i) => {
      expect(row, files[i]).toBeDefined();
      if (!row) return;
      const raw = fs.readFileSync(files[i], 'utf8');
      expect(row.body).toBe(normalizeArticleText(raw));
      expect(row.body).toBe(raw); // the seed files are already LF and NFC: stored verbatim
      expect(row.sha256).toBe(crypto.createHash('sha256').update(Buffer.from(row.body, 'utf8')).digest('hex'));
      expect(row.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(files[i])).digest('hex'));
    });
  });

  it('takes title, outlet and date from the text and leaves the rest empty', async () => {
    const rows = await rowsInFileOrder();
    for (const row of rows) {
      const stated = statedMetadata(row!.body);
      expect(row).toMatchObject({ title: stated.title ?? '', outlet: stated.outlet, publishedAt: stated.publishedAt, url: null, author: null });
    }
    expect(rows.map((r) => r?.publishedAt)).toEqual(['2025-04-25', '2024-10-22', null, null, null]);
  });

  it('adds a seed that is missing, without touching the others', async () => {
    const [victim] = await all(getDb().select().from(articles).orderBy(asc(articles.id)));
    // Gone the hard way, as from a database restored without it: its revision row goes first.
    await exec(getDb().delete(articleRevisions).where(eq(articleRevisions.articleId, victim.id)));
    await exec(getDb().delete(articles).where(eq(articles.id, victim.id)));
    const again = await loadSeeds(null);
    expect(again.added).toBe(1);
    expect(await countRows(getDb(), articles)).toBe(5);
    expect((await first(getDb().select().from(articles).where(eq(articles.sha256, victim.sha256))))?.body).toBe(victim.body);
  });
});
