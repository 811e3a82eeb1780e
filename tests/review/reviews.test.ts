/** The review rules, called directly as the right and the wrong users. */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeProject, makeUser } from '../helpers';
import { bumpVersion, link, makeArticle, statusOf, tag, tombstone } from './fixtures';
import { disputedItems, listReviews, reviewAnnotation, reviewLink, reviewQueue, settle } from '@/lib/data/reviews';
import { getDb } from '@/lib/db/client';
import { events, links, reviews } from '@/lib/db/tables';
import type { Actor } from '@/lib/data/actor';
import { all, first } from '@/lib/db/query';

type Who = Awaited<ReturnType<typeof makeUser>>;
let author: Who, other: Who, third: Who, lead: Who, viewer: Who, outsider: Who;
let project: Awaited<ReturnType<typeof makeProject>>;
let article: Awaited<ReturnType<typeof makeArticle>>;

beforeAll(async () => {
  [author, other, third, lead, viewer, outsider] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser(), makeUser(), makeUser()]);
  project = await makeProject([[author.user.id, 'reviewer'], [other.user.id, 'reviewer'], [third.user.id, 'reviewer'], [lead.user.id, 'lead'], [viewer.user.id, 'viewer']]);
  article = await makeArticle(project.id);
});

async function expectError(fn: () => unknown | Promise<unknown>, status: number, message?: RegExp) {
  try {
    await fn();
  } catch (error) {
    expect((error as { status?: number }).status).toBe(status);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected a ${status} error`);
}

const accept = async (actor: Actor, id: number, extra: object = {}) => await reviewAnnotation({ actor, id, input: { decision: 'accept', ...extra } });
const countReviews = async () => (await all(getDb().select().from(reviews))).length;

describe('reviewing an annotation', () => {
  it('accepts, records an event and stores the derived status in the same write', async () => {
    const a = await tag(article, author.user.id, 'claim', 'Ukraine will not legally recognize');
    const result = await accept(other.actor, a.id, { reason: 'Matches the text.' });
    expect(result.status).toBe('accepted');
    expect(await statusOf(a.id)).toBe('accepted');
    const event = (await all(getDb().select().from(events).where(eq(events.entityId, result.review.id)))).find((e) => e.entityType === 'review');
    expect(event?.action).toBe('review.create');
  });

  it('refuses a review of one\'s own work (403), a viewer (403) and a non-member (404)', async () => {
    const a = await tag(article, author.user.id, 'quote', 'the constitution forbids it');
    const before = await countReviews();
    await expectError(() => accept(author.actor, a.id), 403, /your own/);
    await expectError(() => accept(viewer.actor, a.id), 403, /viewer/);
    await expectError(() => accept(outsider.actor, a.id), 404);
    await expectError(() => accept(other.actor, 999_999), 404);
    expect(await countReviews()).toBe(before);
  });

  it('refuses a deleted item and a stale version with 409 and a message', async () => {
    const gone = await tag(article, author.user.id, 'context', 'Officials in Washington');
    await tombstone(gone.id);
    await expectError(() => accept(other.actor, gone.id), 409, /deleted/);
    const changed = await tag(article, author.user.id, 'context', 'declined to comment');
    await bumpVersion(changed.id);
    await expectError(() => accept(other.actor, changed.id, { expectedVersion: 1 }), 409, /changed.*version 1.*version 2/);
    expect((await accept(other.actor, changed.id, { expectedVersion: 2 })).status).toBe('accepted');
  });

  it('refuses a reason over 10,000 characters, a rejection without reason and unknown fields (400)', async () => {
    const a = await tag(article, author.user.id, 'claim', 'Zelenskyy said on Friday');
    const before = await countReviews();
    await expectError(() => accept(other.actor, a.id, { reason: 'x'.repeat(10_001) }), 400, /10,000/);
    await expectError(() => reviewAnnotation({ actor: other.actor, id: a.id, input: { decision: 'reject' } }), 400, /reason/);
    await expectError(() => reviewAnnotation({ actor: other.actor, id: a.id, input: { decision: 'maybe' } }), 400, /accept/);
    await expectError(() => accept(other.actor, a.id, { status: 'accepted' }), 400, /unknown field/);
    expect(await countReviews()).toBe(before);
    expect((await accept(other.actor, a.id, { reason: 'x'.repeat(10_000) })).status).toBe('accepted');
  });

  it('replaces a reviewer\'s earlier review, and derives disputed from two reviewers', async () => {
    const a = await tag(article, author.user.id, 'claim', 'temporarily occupied territories');
    await reviewAnnotation({ actor: other.actor, id: a.id, input: { decision: 'reject', reason: 'Too short.' } });
    expect(await statusOf(a.id)).toBe('rejected');
    await accept(other.actor, a.id);
    expect(await statusOf(a.id)).toBe('accepted');
    const live = (await listReviews({ actor: author.actor, kind: 'annotation', id: a.id })).reviews.filter((r) => !r.superseded);
    expect(live).toHaveLength(1);
    await reviewAnnotation({ actor: third.actor, id: a.id, input: { decision: 'reject', reason: 'Not a claim.' } });
    expect(await statusOf(a.id)).toBe('disputed');
  });

  it('lets only a lead settle, only a disputed item, with a reason', async () => {
    const a = await tag(article, author.user.id, 'quote', 'as Russian');
    await expectError(() => settle({ actor: lead.actor, kind: 'annotation', id: a.id, input: { decision: 'accept', reason: 'Fine.' } }), 409, /disputed/);
    await accept(other.actor, a.id);
    await reviewAnnotation({ actor: third.actor, id: a.id, input: { decision: 'reject', reason: 'No.' } });
    await expectError(() => settle({ actor: other.actor, kind: 'annotation', id: a.id, input: { decision: 'accept', reason: 'Mine.' } }), 403);
    await expectError(() => settle({ actor: lead.actor, kind: 'annotation', id: a.id, input: { decision: 'accept' } }), 400);
    const disputed = (await disputedItems({ actor: lead.actor, projectId: project.id })).items;
    expect(disputed.map((i) => i.id)).toContain(a.id);
    await expectError(async () => await disputedItems({ actor: other.actor, projectId: project.id }), 403);
    expect((await settle({ actor: lead.actor, kind: 'annotation', id: a.id, input: { decision: 'reject', reason: 'Paraphrase.' } })).status).toBe('rejected');
    expect((await disputedItems({ actor: lead.actor, projectId: project.id })).items.map((i) => i.id)).not.toContain(a.id);
    expect((await settle({ actor: lead.actor, kind: 'annotation', id: a.id, input: { decision: 'accept', reason: 'On reflection.' } })).status).toBe('accepted');
    expect((await listReviews({ actor: lead.actor, kind: 'annotation', id: a.id })).canSettle).toBe(true);
  });
});

describe('reviewing a link', () => {
  it('follows the same rules and caches the link status', async () => {
    const x = await tag(article, author.user.id, 'claim', 'will not legally');
    const y = await tag(article, other.user.id, 'context', 'He added');
    const l = await link(project.id, author.user.id, x.id, y.id);
    await expectError(() => reviewLink({ actor: author.actor, id: l.id, input: { decision: 'accept' } }), 403);
    expect((await reviewLink({ actor: other.actor, id: l.id, input: { decision: 'reject', reason: 'Unrelated.' } })).status).toBe('rejected');
    expect((await first(getDb().select().from(links).where(eq(links.id, l.id))))?.status).toBe('rejected');
  });
});

describe('the review queue', () => {
  it('lists others\' unreviewed items with context and the count left; viewers get 403', async () => {
    const reader = await makeUser();
    const p = await makeProject([[author.user.id, 'reviewer'], [reader.user.id, 'reviewer'], [viewer.user.id, 'viewer']]);
    const art = await makeArticle(p.id);
    const one = await tag(art, author.user.id, 'claim', 'the constitution forbids it');
    const two = await tag(art, author.user.id, 'context', 'Officials in Washington');
    await tag(art, reader.user.id, 'quote', 'He added');
    await link(p.id, author.user.id, one.id, two.id, 'corroborates');
    const queue = await reviewQueue({ actor: reader.actor, projectId: p.id });
    expect(queue.left).toBe(3);
    const first = queue.groups[0].items[0];
    expect(first.span.exact).toBe('the constitution forbids it');
    expect(first.span.before).toMatch(/He added that $/);
    await accept(reader.actor, one.id);
    expect((await reviewQueue({ actor: reader.actor, projectId: p.id })).left).toBe(2);
    await expectError(async () => await reviewQueue({ actor: viewer.actor, projectId: p.id }), 403);
    await expectError(async () => await reviewQueue({ actor: outsider.actor, projectId: p.id }), 404);
  });
});
