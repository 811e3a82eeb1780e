import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { makeProject, makeUser } from '../helpers';
import { SYSTEM, type Actor } from '@/lib/data/actor';
import { importArticle } from '@/lib/data/articles';
import {
  annotationsSince, createAnnotation, currentCursor, deleteAnnotation, getAnnotation, listAnnotations, listSpeakers,
  restoreAnnotation, updateAnnotation,
} from '@/lib/data/annotations';
import { getDb } from '@/lib/db/client';
import { annotations, events, links } from '@/lib/db/tables';
import type { AppError } from '@/lib/errors';
import { all, exec, first } from '@/lib/db/query';

const seed = fs.readFileSync('seeds/000_b946d1dd13773335.txt', 'utf8').normalize('NFC');
const EMOJI = '🇺🇦 👍🏽 Zelenskyy said: Café — 泽连斯基 — زيلينسكي';

let author: Actor, other: Actor, viewer: Actor, outsider: Actor, lead: Actor;
let articleId: number, emojiArticleId: number, otherArticleId: number;

/** The HTTP status the data layer's answer maps to (sync or group-committed functions alike). */
async function status(fn: () => unknown | Promise<unknown>): Promise<number> {
  try {
    await fn();
  } catch (error) {
    return (error as AppError).status ?? 500;
  }
  return 200;
}

const span = (text: string, s: string) => ({ start: seed.indexOf(s), end: seed.indexOf(s) + s.length, exact: s });

beforeAll(async () => {
  [author, other, viewer, outsider, lead] = (await Promise.all([1, 2, 3, 4, 5].map((n) => makeUser({ name: `Person ${n}` })))).map((u) => u.actor);
  const ids = [author, other, viewer, outsider, lead].map((a) => (a as { userId: number }).userId);
  const project = await makeProject([[ids[0], 'reviewer'], [ids[1], 'reviewer'], [ids[2], 'viewer'], [ids[4], 'lead']]);
  await makeProject([[ids[3], 'lead']]);
  articleId = (await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Seed', body: seed } })).id;
  emojiArticleId = (await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Emoji', body: EMOJI } })).id;
  otherArticleId = (await importArticle({ actor: SYSTEM, projectId: project.id, input: { title: 'Other', body: 'Another outlet reports the same statement.' } })).id;
});

describe('createAnnotation', () => {
  it('stores the span with quote selectors and code point offsets', async () => {
    const a = await createAnnotation({ actor: author, articleId, input: { label: 'claim', ...span(seed, 'occupied territories'), note: 'check' } });
    expect(a).toMatchObject({ label: 'claim', exact: 'occupied territories', note: 'check', status: 'proposed', version: 1, authorName: 'Person 1' });
    expect(a.prefix).toBe(seed.slice(a.start - 32, a.start));
    expect(a.suffix).toBe(seed.slice(a.end, a.end + 32));
    expect(a.links).toEqual([]);
    const ev = (await all(getDb().select().from(events).where(eq(events.entityId, a.id)))).filter((e) => e.entityType === 'annotation');
    expect(ev.map((e) => e.action)).toEqual(['annotation.create']);
  });

  it('derives code point offsets after emoji', async () => {
    const start = EMOJI.indexOf('Café');
    const a = await createAnnotation({ actor: author, articleId: emojiArticleId, input: { label: 'quote', start, end: start + 4, attributes: { speaker: 'Zelenskyy', quoteKind: 'verbatim' } } });
    expect(a.startCodePoint).toBe([...EMOJI.slice(0, start)].length);
    expect(a.endCodePoint - a.startCodePoint).toBe(4);
    expect(a.attributes).toEqual({ speaker: 'Zelenskyy', quoteKind: 'verbatim' });
  });

  it('lets a lead create and refuses viewers (403) and non-members (404)', async () => {
    expect(await status(() => createAnnotation({ actor: lead, articleId, input: { label: 'context', start: 0, end: 4 } }))).toBe(200);
    expect(await status(() => createAnnotation({ actor: viewer, articleId, input: { label: 'context', start: 0, end: 4 } }))).toBe(403);
    expect(await status(() => createAnnotation({ actor: outsider, articleId, input: { label: 'context', start: 0, end: 4 } }))).toBe(404);
  });

  const flag = { start: 1, end: 4 }; // inside 🇺🇦
  const bad: Array<[string, number, Record<string, unknown>, number]> = [
    ['negative offset', 0, { label: 'claim', start: -1, end: 4 }, 400],
    ['past the end', 0, { label: 'claim', start: 0, end: seed.length + 1 }, 422],
    ['reversed', 0, { label: 'claim', start: 10, end: 4 }, 400],
    ['empty', 0, { label: 'claim', start: 4, end: 4 }, 400],
    ['non-integer', 0, { label: 'claim', start: 1.5, end: 4 }, 400],
    ['string offsets', 0, { label: 'claim', start: '1', end: 4 }, 400],
    ['splitting a surrogate pair', 1, { label: 'claim', ...flag }, 422],
    ['exact differs from the text', 0, { label: 'claim', start: 0, end: 4, exact: 'nope' }, 422],
    ['unknown label', 0, { label: 'opinion', start: 0, end: 4 }, 400],
    ['note over 10,000 characters', 0, { label: 'claim', start: 0, end: 4, note: 'x'.repeat(10_001) }, 400],
    ['authorId in the body', 0, { label: 'claim', start: 0, end: 4, authorId: 1 }, 400],
    ['status in the body', 0, { label: 'claim', start: 0, end: 4, status: 'accepted' }, 400],
    ['version in the body', 0, { label: 'claim', start: 0, end: 4, version: 7 }, 400],
    ['an unknown field', 0, { label: 'claim', start: 0, end: 4, colour: 'red' }, 400],
    ['a verdict on a claim', 0, { label: 'claim', start: 0, end: 4, attributes: { verdict: 'false' } }, 400],
    ['attributes on context', 0, { label: 'context', start: 0, end: 4, attributes: { speaker: 'x' } }, 400],
    ['a speaker over 200 characters', 0, { label: 'quote', start: 0, end: 4, attributes: { speaker: 'x'.repeat(201) } }, 400],
    ['an unknown quote kind', 0, { label: 'quote', start: 0, end: 4, attributes: { quoteKind: 'rumour' } }, 400],
    ['not an object', 0, [1, 2] as unknown as Record<string, unknown>, 400],
  ];
  it.each(bad)('refuses %s with a clear %s and stores nothing', async (_name, which, input, code) => {
    const target = which === 0 ? articleId : emojiArticleId;
    const before = (await all(getDb().select().from(annotations))).length;
    let error: AppError | undefined;
    try {
      await createAnnotation({ actor: author, articleId: target, input });
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.status).toBe(code);
    expect(error?.message.length).toBeGreaterThan(10);
    expect((await all(getDb().select().from(annotations))).length).toBe(before);
  });

  it('answers 404 for an article in a project the actor does not belong to', async () => {
    expect(await status(async () => await listAnnotations({ actor: outsider, articleId }))).toBe(404);
    expect(await status(async () => await listAnnotations({ actor: viewer, articleId }))).toBe(200);
  });
});

describe('updateAnnotation', () => {
  it('edits label, note, attributes and boundaries with If-Match, bumping the version', async () => {
    const a = await createAnnotation({ actor: author, articleId, input: { label: 'claim', ...span(seed, 'position is unchanged') } });
    const b = await updateAnnotation({ actor: author, annotationId: a.id, ifMatch: 1, input: { label: 'quote', note: 'said twice', attributes: { speaker: 'Volodymyr Zelenskyy' } } });
    expect(b).toMatchObject({ label: 'quote', note: 'said twice', version: 2, attributes: { speaker: 'Volodymyr Zelenskyy' } });
    const s = span(seed, 'position is unchanged.');
    const c = await updateAnnotation({ actor: author, annotationId: a.id, ifMatch: 2, input: { end: s.end } });
    expect(c.exact).toBe('position is unchanged.');
    expect(await listSpeakers({ actor: viewer, projectId: c.projectId })).toContain('Volodymyr Zelenskyy');
  });

  it('answers 412 to a stale version and 400 without If-Match, changing nothing', async () => {
    const a = await createAnnotation({ actor: author, articleId, input: { label: 'claim', start: 0, end: 4 } });
    await updateAnnotation({ actor: author, annotationId: a.id, ifMatch: 1, input: { note: 'first' } });
    expect(await status(() => updateAnnotation({ actor: author, annotationId: a.id, ifMatch: 1, input: { note: 'second' } }))).toBe(412);
    expect(await status(() => updateAnnotation({ actor: author, annotationId: a.id, ifMatch: null, input: { note: 'third' } }))).toBe(400);
    expect((await getAnnotation({ actor: author, annotationId: a.id })).note).toBe('first');
  });

  it('lets only the author edit: another reviewer 403, a viewer 403, a non-member 404', async () => {
    const a = await createAnnotation({ actor: author, articleId, input: { label: 'claim', start: 0, end: 4 } });
    expect(await status(() => updateAnnotation({ actor: other, annotationId: a.id, ifMatch: 1, input: { note: 'mine now' } }))).toBe(403);
    expect(await status(() => updateAnnotation({ actor: lead, annotationId: a.id, ifMatch: 1, input: { note: 'lead' } }))).toBe(403);
    expect(await status(() => updateAnnotation({ actor: viewer, annotationId: a.id, ifMatch: 1, input: { note: 'v' } }))).toBe(403);
    expect(await status(() => updateAnnotation({ actor: outsider, annotationId: a.id, ifMatch: 1, input: { note: 'x' } }))).toBe(404);
    expect(await status(() => deleteAnnotation({ actor: other, annotationId: a.id }))).toBe(403);
    expect(await status(() => deleteAnnotation({ actor: outsider, annotationId: a.id }))).toBe(404);
  });

  it.each([
    ['status', { status: 'accepted' }],
    ['authorId', { authorId: 99 }],
    ['version', { version: 9 }],
    ['an empty change', {}],
    ['a bad span', { start: 9, end: 2 }],
    ['a verdict', { attributes: { verdict: 'true' } }],
  ])('refuses %s', async (_n, input) => {
    const a = await createAnnotation({ actor: author, articleId, input: { label: 'claim', start: 0, end: 4 } });
    expect(await status(() => updateAnnotation({ actor: author, annotationId: a.id, ifMatch: 1, input }))).toBe(400);
    expect((await getAnnotation({ actor: author, annotationId: a.id })).version).toBe(1);
  });

  it('keeps a claim verdict set by review when the note changes', async () => {
    const a = await createAnnotation({ actor: author, articleId, input: { label: 'claim', start: 0, end: 4 } });
    await exec(getDb().update(annotations).set({ attributes: { verdict: 'false' } }).where(eq(annotations.id, a.id)));
    const b = await updateAnnotation({ actor: author, annotationId: a.id, ifMatch: 1, input: { note: 'n' } });
    expect(b.attributes).toEqual({ verdict: 'false' });
  });
});

describe('deleteAnnotation and restoreAnnotation', () => {
  it('tombstones the annotation and its links in one transaction, and undo brings both back', async () => {
    const a = await createAnnotation({ actor: author, articleId, input: { label: 'claim', ...span(seed, 'NATO') } });
    const b = await createAnnotation({ actor: other, articleId: otherArticleId, input: { label: 'claim', start: 0, end: 7 } });
    const [from, to] = [a.id, b.id].sort((x, y) => x - y);
    const link = await first(getDb().insert(links).values({ projectId: a.projectId, fromAnnotationId: from, toAnnotationId: to, relation: 'corroborates', authorId: (other as { userId: number }).userId }).returning());
    expect((await getAnnotation({ actor: author, annotationId: a.id })).links).toMatchObject([{ id: link.id, otherAnnotationId: b.id, otherArticleTitle: 'Other', otherExact: 'Another' }]);

    const result = await deleteAnnotation({ actor: author, annotationId: a.id });
    expect(result.linksDeleted).toEqual([link.id]);
    expect((await first(getDb().select().from(links).where(eq(links.id, link.id))))?.deletedAt).not.toBeNull();
    expect((await all(getDb().select().from(events).where(eq(events.entityId, link.id)))).some((e) => e.action === 'link.delete')).toBe(true);
    expect(await status(async () => await getAnnotation({ actor: author, annotationId: a.id }))).toBe(404);
    expect((await listAnnotations({ actor: author, articleId: otherArticleId }))[0].links).toEqual([]);

    expect(await status(async () => await restoreAnnotation({ actor: other, annotationId: a.id }))).toBe(403);
    const back = await restoreAnnotation({ actor: author, annotationId: a.id });
    expect(back.links.map((l) => l.id)).toEqual([link.id]);
    expect(await status(async () => await restoreAnnotation({ actor: author, annotationId: a.id }))).toBe(409);
  });

  it('refuses a stale If-Match on delete', async () => {
    const a = await createAnnotation({ actor: author, articleId, input: { label: 'context', start: 0, end: 4 } });
    expect(await status(() => deleteAnnotation({ actor: author, annotationId: a.id, ifMatch: 5 }))).toBe(412);
  });
});

describe('annotationsSince', () => {
  it('reports new, changed and deleted annotations after a cursor', async () => {
    const cursor = await currentCursor();
    const a = await createAnnotation({ actor: other, articleId, input: { label: 'quote', start: 5, end: 9 } });
    const b = await createAnnotation({ actor: other, articleId, input: { label: 'quote', start: 10, end: 14 } });
    await deleteAnnotation({ actor: other, annotationId: b.id });
    const changes = await annotationsSince({ actor: author, articleId, since: cursor });
    expect(changes.annotations.map((x) => x.id)).toEqual([a.id]);
    expect(changes.deletedIds).toEqual([b.id]);
    expect(changes.cursor).toBeGreaterThan(cursor);
    expect((await annotationsSince({ actor: author, articleId, since: changes.cursor })).annotations).toEqual([]);
    expect(await status(async () => await annotationsSince({ actor: outsider, articleId, since: 0 }))).toBe(404);
  });
});
