/**
 * The write-path triggers as drizzle/0012_exportwrites_triggers.sql made them cheaper: each
 * still does its work when what it tracks changes, and nothing when an UPDATE names a column
 * but keeps its value (an edit of the note alone), or when there is nothing to clear.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, getSqlite } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { agreementArticles, annotations, boardDirty } from '@/lib/db/tables';
import { createAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { projectAgreement } from '@/lib/data/agreement';
import { createRevision } from '@/lib/data/revisions';
import { makeProject, makeUser } from '../helpers';
import { makeArticle } from '../review/fixtures';
import { all, exec, first } from '@/lib/db/query';

const BODY = 'Україна не визнає окуповані території 🇺🇦, заявив Зеленський. Officials in Kyiv said the talks would go on.';

async function world() {
  const [lead, x, y] = await Promise.all([makeUser(), makeUser(), makeUser()]);
  const p = await makeProject([[lead.user.id, 'lead'], [x.user.id, 'reviewer'], [y.user.id, 'reviewer']]);
  const article = await makeArticle(p.id, BODY, 'Triggers');
  const claim = await createAnnotation({ actor: x.actor, articleId: article.id, input: { label: 'claim', start: 0, end: 7 } });
  await createAnnotation({ actor: y.actor, articleId: article.id, input: { label: 'claim', start: 0, end: 7 } });
  return { lead, x, y, p, article, claim };
}

const cached = async (articleId: number) => (await all(getDb().select().from(agreementArticles).where(eq(agreementArticles.articleId, articleId)))).length > 0;
const dirty = async (projectId: number, annotationId: number) =>
  (await all(getDb().select().from(boardDirty).where(and(eq(boardDirty.projectId, projectId), eq(boardDirty.annotationId, annotationId))))).length > 0;
const clearDirty = async (projectId: number) => await exec(getDb().delete(boardDirty).where(eq(boardDirty.projectId, projectId)));
const searchHits = (word: string) => getSqlite().prepare('select rowid from search_fts where search_fts match ?').pluck().all(word) as number[];

describe('write-path triggers', () => {
  it('a note edit keeps the agreement cache and the board; a span, label or status change clears or marks them', async () => {
    const { x, p, article, claim } = await world();
    await projectAgreement({ actor: x.actor, projectId: p.id });
    expect(await cached(article.id)).toBe(true);
    await clearDirty(p.id);

    const noted = await updateAnnotation({ actor: x.actor, annotationId: claim.id, ifMatch: claim.version, input: { note: 'checked — ✓ 👍🏽' } });
    expect(await cached(article.id)).toBe(true);
    expect(await dirty(p.id, claim.id)).toBe(false);

    const moved = await updateAnnotation({ actor: x.actor, annotationId: claim.id, ifMatch: noted.version, input: { start: 0, end: 15 } });
    expect(await cached(article.id)).toBe(false);
    // A change of span is a new version for review: the claim is proposed again.
    expect(await dirty(p.id, claim.id)).toBe(moved.status !== noted.status);

    await projectAgreement({ actor: x.actor, projectId: p.id });
    await clearDirty(p.id);
    await updateAnnotation({ actor: x.actor, annotationId: claim.id, ifMatch: moved.version, input: { label: 'quote' } });
    expect(await cached(article.id)).toBe(false);
    expect(await dirty(p.id, claim.id)).toBe(true);
  });

  it('a new annotation clears the cache of its article only when there is one', async () => {
    const { x, y, p, article } = await world();
    const other = await makeArticle(p.id, 'Stoltenberg said NATO membership depends on all allies 🤝.', 'Other');
    await createAnnotation({ actor: x.actor, articleId: other.id, input: { label: 'claim', start: 0, end: 11 } });
    await projectAgreement({ actor: x.actor, projectId: p.id });
    expect([await cached(article.id), await cached(other.id)]).toEqual([true, true]);
    await createAnnotation({ actor: y.actor, articleId: article.id, input: { label: 'context', start: 20, end: 30 } });
    expect([await cached(article.id), await cached(other.id)]).toEqual([false, true]);
    await createAnnotation({ actor: y.actor, articleId: article.id, input: { label: 'context', start: 31, end: 40 } });
    expect((await projectAgreement({ actor: x.actor, projectId: p.id })).pairs.length).toBe(1);
    expect(await cached(article.id)).toBe(true);
  });

  // FTS5's search_fts is a table SQLite's triggers keep; PostgreSQL searches the annotations
  // themselves through expression indexes (drizzle/pg/0001_search.sql), with nothing kept to
  // follow (its results: tests/db/pgSearch.test.ts).
  it.skipIf(onPostgres())('the search index follows note edits and deletes, and is left alone by a label change', async () => {
    const { x, claim } = await world();
    const noted = await updateAnnotation({ actor: x.actor, annotationId: claim.id, ifMatch: claim.version, input: { note: 'Zaporizhzhia' } });
    expect(searchHits('Zaporizhzhia')).toEqual([claim.id]);
    const relabelled = await updateAnnotation({ actor: x.actor, annotationId: claim.id, ifMatch: noted.version, input: { label: 'context' } });
    expect(searchHits('Zaporizhzhia')).toEqual([claim.id]);
    await updateAnnotation({ actor: x.actor, annotationId: claim.id, ifMatch: relabelled.version, input: { note: 'Kherson' } });
    expect(searchHits('Zaporizhzhia')).toEqual([]);
    expect(searchHits('Kherson')).toEqual([claim.id]);
  });

  it('a new annotation is on the current revision, whether the writer gives it or not', async () => {
    const { lead, x, p, article } = await world();
    await createRevision({ actor: lead.actor, articleId: article.id, input: { body: BODY + ' A second paragraph, added later.' } });
    const made = await createAnnotation({ actor: x.actor, articleId: article.id, input: { label: 'claim', start: 0, end: 7 } });
    const stored = (await first(getDb().select().from(annotations).where(eq(annotations.id, made.id))))!;
    expect(stored.revision).toBe(2);
    // Another writer (an import, a script) that leaves the revision out still gets the current one.
    const raw = await first(getDb().insert(annotations).values({ projectId: p.id, articleId: article.id, authorId: x.user.id, label: 'quote', start: 8, end: 12, exact: BODY.slice(8, 12), prefix: '', suffix: '', note: '', attributes: {} }).returning());
    expect((await first(getDb().select().from(annotations).where(eq(annotations.id, raw.id))))!.revision).toBe(2);
  });
});
