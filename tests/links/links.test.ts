import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb, countRows } from '@/lib/db/client';
import { annotations, events, links } from '@/lib/db/tables';
import { createLink, createLinkToSentence, deleteLink } from '@/lib/data/links';
import { getLink, linksForAnnotation, listLinksForProject } from '@/lib/data/linkViews';
import { suggestions } from '@/lib/data/linkSuggestions';
import { claimBoard } from '@/lib/data/claimBoard';
import { quoteComparison } from '@/lib/data/quoteComparison';
import type { Actor } from '@/lib/data/actor';
import { makeProject, makeUser } from '../helpers';
import { annotate, makeArticle, markDeleted } from './fixtures';
import { all, first } from '@/lib/db/query';

const BODY_A = 'Ukraine will not legally recognize any occupied territories. The position is unchanged.';
const BODY_B = 'Zelenskyy said Ukraine will never recognize the occupied territories. Talks continue.';
const BODY_C = 'Officials in Kyiv said the occupied territories would be recognized. Nobody agreed.';

let reviewer: Actor, other: Actor, viewer: Actor, stranger: Actor;
let reviewerId: number, otherId: number, viewerId: number;
let projectId: number;
let claim: number, statementB: number, statementC: number, sameArticle: number, foreign: number;
let articleB: number;

// The people never change; every test gets a project, articles and statements of its own, and
// makes the links it needs, so the tests pass alone and in any order.
beforeAll(async () => {
  const r = await makeUser({ name: 'Rita Reviewer' });
  const o = await makeUser({ name: 'Omar Other' });
  const v = await makeUser();
  const s = await makeUser();
  [reviewer, other, viewer, stranger] = [r.actor, o.actor, v.actor, s.actor];
  [reviewerId, otherId, viewerId] = [r.user.id, o.user.id, v.user.id];
});

beforeEach(async () => {
  const project = await makeProject([[reviewerId, 'reviewer'], [otherId, 'lead'], [viewerId, 'viewer']]);
  projectId = project.id;
  const a = await makeArticle(projectId, BODY_A, 'Outlet A');
  const b = await makeArticle(projectId, BODY_B, 'Outlet B');
  const c = await makeArticle(projectId, BODY_C, 'Outlet C');
  articleB = b.id;
  claim = (await annotate(a.id, reviewerId, 'Ukraine will not legally recognize any occupied territories.')).id;
  sameArticle = (await annotate(a.id, reviewerId, 'The position is unchanged.', 'context')).id;
  statementB = (await annotate(b.id, reviewerId, 'Ukraine will never recognize the occupied territories.', 'quote')).id;
  statementC = (await annotate(c.id, reviewerId, 'the occupied territories would be recognized')).id;
  const elsewhere = await makeProject([[reviewerId, 'reviewer']]);
  foreign = (await annotate((await makeArticle(elsewhere.id, BODY_B, 'Elsewhere')).id, reviewerId, 'Talks continue.')).id;
});

const linkCount = async () => await countRows(getDb(), links);
const annotationCount = async () => await countRows(getDb(), annotations);
const link = async (actor: Actor, from: number, to: number, relation: 'corroborates' | 'conflicts', note = '') =>
  await createLink({ actor, input: { fromAnnotationId: from, toAnnotationId: to, relation, note } });

describe('createLink', () => {
  it('stores the pair once, lower id first, with an audit event', async () => {
    const link = await createLink({ actor: reviewer, input: { fromAnnotationId: statementB, toAnnotationId: claim, relation: 'corroborates', note: 'Same words.' } });
    expect(link).toMatchObject({ fromAnnotationId: Math.min(claim, statementB), toAnnotationId: Math.max(claim, statementB), relation: 'corroborates', authorId: reviewerId, projectId });
    const event = await first(getDb().select().from(events).where(and(eq(events.entityType, 'link'), eq(events.entityId, link.id))));
    expect(event?.action).toBe('link.create');
    expect((await getLink({ actor: other, linkId: link.id })).note).toBe('Same words.');
  });

  it.each([
    ['a missing annotation', () => ({ fromAnnotationId: claim, toAnnotationId: 999_999, relation: 'conflicts' }), 404],
    ['a foreign-project annotation', () => ({ fromAnnotationId: claim, toAnnotationId: foreign, relation: 'conflicts' }), 404],
    ['itself', () => ({ fromAnnotationId: claim, toAnnotationId: claim, relation: 'conflicts' }), 422],
    ['a statement of the same article', () => ({ fromAnnotationId: claim, toAnnotationId: sameArticle, relation: 'conflicts' }), 422],
    ['an unknown relation', () => ({ fromAnnotationId: claim, toAnnotationId: statementC, relation: 'supports' }), 400],
    ['a rationale over 10,000 characters', () => ({ fromAnnotationId: claim, toAnnotationId: statementC, relation: 'conflicts', note: 'x'.repeat(10_001) }), 400],
    ['an unknown field', () => ({ fromAnnotationId: claim, toAnnotationId: statementC, relation: 'conflicts', authorId: 1 }), 400],
    ['ids given as text', () => ({ fromAnnotationId: String(claim), toAnnotationId: statementC, relation: 'conflicts' }), 400],
    ['a duplicate of the same pair and relation', () => ({ fromAnnotationId: claim, toAnnotationId: statementB, relation: 'corroborates' }), 409],
    ['the opposite relation on a pair the author already linked', () => ({ fromAnnotationId: claim, toAnnotationId: statementB, relation: 'conflicts' }), 409],
  ])('refuses a link to %s and stores nothing', async (_name, input, status) => {
    await link(reviewer, claim, statementB, 'corroborates');
    const before = await linkCount();
    await expect(createLink({ actor: reviewer, input: input() })).rejects.toThrow(expect.objectContaining({ status }));
    expect(await linkCount()).toBe(before);
  });

  it('accepts a rationale of exactly 10,000 characters', async () => {
    const link = await createLink({ actor: reviewer, input: { fromAnnotationId: claim, toAnnotationId: statementC, relation: 'conflicts', note: 'y'.repeat(10_000) } });
    expect(link.note).toHaveLength(10_000);
  });

  it('refuses viewers (403), non-members (404) and deleted ends (404)', async () => {
    const input = { fromAnnotationId: statementB, toAnnotationId: statementC, relation: 'conflicts' };
    await expect(createLink({ actor: viewer, input })).rejects.toThrow(expect.objectContaining({ status: 403 }));
    await expect(createLink({ actor: stranger, input })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    const gone = await annotate(articleB, reviewerId, 'Talks continue.');
    await markDeleted(gone.id);
    await expect(createLink({ actor: reviewer, input: { fromAnnotationId: claim, toAnnotationId: gone.id, relation: 'conflicts' } })).rejects.toThrow(
      expect.objectContaining({ status: 404 }),
    );
    await expect(createLink({ actor: reviewer, input: { fromAnnotationId: gone.id, toAnnotationId: claim, relation: 'conflicts' } })).rejects.toThrow(
      expect.objectContaining({ status: 404 }),
    );
  });

  it('lets two reviewers disagree and shows it as a disagreement', async () => {
    await link(reviewer, claim, statementB, 'corroborates');
    await link(reviewer, claim, statementC, 'conflicts');
    await link(other, claim, statementB, 'conflicts', 'Not the same claim.');
    const seen = (await linksForAnnotation({ actor: viewer, annotationId: claim })).filter((l) => l.other.annotationId === statementB);
    expect(seen.map((l) => l.relation).sort()).toEqual(['conflicts', 'corroborates']);
    expect(seen.every((l) => l.disputedByOthers)).toBe(true);
    const row = (await claimBoard({ actor: viewer, projectId })).items.find((r) => r.claim.annotationId === claim)!;
    expect(row).toMatchObject({ corroborates: 1, conflicts: 2, disagreements: 1, contested: 3 });
  });
});

describe('createLinkToSentence', () => {
  const sentence = () => ({ articleId: articleB, start: BODY_B.indexOf('Talks'), end: BODY_B.length, exact: 'Talks continue.', label: 'context' });

  it('creates the sentence annotation and the link in one step', async () => {
    const { link, annotation } = await createLinkToSentence({ actor: reviewer, input: { fromAnnotationId: claim, relation: 'corroborates', sentence: sentence() } });
    expect(annotation).toMatchObject({ label: 'context', exact: 'Talks continue.', prefix: BODY_B.slice(BODY_B.indexOf('Talks') - 32, BODY_B.indexOf('Talks')), suffix: '' });
    expect([link.fromAnnotationId, link.toAnnotationId]).toContain(annotation.id);
    const again = await createLinkToSentence({ actor: other, input: { fromAnnotationId: claim, relation: 'conflicts', sentence: sentence() } });
    expect(again.annotation.id).toBe(annotation.id);
  });

  it.each([
    ['an exact that differs from the text', { exact: 'Talks stop.' }, 422],
    ['a span past the end', { end: BODY_B.length + 5 }, 422],
    ['a reversed span', { start: 10, end: 5 }, 400],
    ['an unknown label', { label: 'opinion' }, 400],
    ['an article of another project', { articleId: 999_999 }, 404],
  ])('refuses %s and stores neither annotation nor link', async (_name, change, status) => {
    const [links0, annotations0] = [await linkCount(), await annotationCount()];
    const input = { fromAnnotationId: claim, relation: 'conflicts', sentence: { ...sentence(), ...change } };
    await expect(createLinkToSentence({ actor: reviewer, input })).rejects.toThrow(expect.objectContaining({ status }));
    expect([await linkCount(), await annotationCount()]).toEqual([links0, annotations0]);
  });

  it('refuses a sentence of the linked statement\'s own article, and viewers', async () => {
    const [links0, annotations0] = [await linkCount(), await annotationCount()];
    const own = { articleId: (await first(getDb().select().from(annotations).where(eq(annotations.id, claim))))!.articleId, start: 0, end: 7, exact: 'Ukraine', label: 'claim' };
    await expect(createLinkToSentence({ actor: reviewer, input: { fromAnnotationId: claim, relation: 'conflicts', sentence: own } })).rejects.toThrow(
      expect.objectContaining({ status: 422 }),
    );
    await expect(createLinkToSentence({ actor: viewer, input: { fromAnnotationId: claim, relation: 'conflicts', sentence: sentence() } })).rejects.toThrow(
      expect.objectContaining({ status: 403 }),
    );
    expect([await linkCount(), await annotationCount()]).toEqual([links0, annotations0]);
  });
});

describe('deleteLink and tombstoned ends', () => {
  it('lets only the author delete a link, once', async () => {
    const link = await createLink({ actor: reviewer, input: { fromAnnotationId: statementB, toAnnotationId: statementC, relation: 'conflicts' } });
    await expect(deleteLink({ actor: other, linkId: link.id })).rejects.toThrow(expect.objectContaining({ status: 403 }));
    await expect(deleteLink({ actor: stranger, linkId: link.id })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    expect((await deleteLink({ actor: reviewer, linkId: link.id })).deletedAt).toBeInstanceOf(Date);
    await expect(deleteLink({ actor: reviewer, linkId: link.id })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await expect(getLink({ actor: reviewer, linkId: link.id })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    const history = await all(getDb().select().from(events).where(and(eq(events.entityType, 'link'), eq(events.entityId, link.id))));
    expect(history.map((e) => e.action)).toEqual(['link.create', 'link.delete']);
  });

  it('never shows a link whose end was deleted', async () => {
    await link(reviewer, claim, statementB, 'corroborates');
    await link(reviewer, claim, statementC, 'conflicts');
    await link(other, statementB, statementC, 'corroborates');
    const before = (await listLinksForProject({ actor: viewer, projectId })).length;
    const touching = (await listLinksForProject({ actor: viewer, projectId })).filter((l) => [l.from.annotationId, l.to.annotationId].includes(statementC));
    expect(touching.length).toBeGreaterThan(0);
    await markDeleted(statementC);
    expect(await listLinksForProject({ actor: viewer, projectId })).toHaveLength(before - touching.length);
    expect((await linksForAnnotation({ actor: viewer, annotationId: claim })).some((l) => l.other.annotationId === statementC)).toBe(false);
    for (const l of touching) await expect(getLink({ actor: viewer, linkId: l.id })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    const board = await claimBoard({ actor: viewer, projectId });
    expect(board.items.some((r) => r.claim.annotationId === statementC)).toBe(false);
    expect(JSON.stringify(board.items)).not.toContain(`"annotationId":${statementC},`);
    await expect(quoteComparison({ actor: viewer, annotationId: statementC })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await expect(suggestions({ actor: viewer, annotationId: statementC })).rejects.toThrow(expect.objectContaining({ status: 404 }));
  });
});

describe('reading is for members only', () => {
  it('answers 404 to non-members everywhere', async () => {
    for (const call of [
      async () => await listLinksForProject({ actor: stranger, projectId }),
      async () => await linksForAnnotation({ actor: stranger, annotationId: claim }),
      async () => await claimBoard({ actor: stranger, projectId }),
      async () => await quoteComparison({ actor: stranger, annotationId: claim }),
    ]) {
      await expect(call()).rejects.toThrow(expect.objectContaining({ status: 404 }));
    }
    await expect(suggestions({ actor: stranger, annotationId: claim })).rejects.toThrow(expect.objectContaining({ status: 404 }));
  });

  it('compares the wordings of linked statements', async () => {
    await link(reviewer, claim, statementB, 'corroborates');
    await link(other, claim, statementB, 'conflicts');
    const result = await quoteComparison({ actor: viewer, annotationId: statementB });
    expect(result.quote.exact).toBe('Ukraine will never recognize the occupied territories.');
    const vsClaim = result.comparisons.find((c) => c.other.annotationId === claim)!;
    expect(vsClaim.relations.map((r) => r.relation).sort()).toEqual(['conflicts', 'corroborates']);
    expect(vsClaim.base.filter((p) => p.changed).map((p) => p.text.trim())).toEqual(['never', 'the']);
  });
});
