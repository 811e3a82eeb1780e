/** Comments, verdicts, the inbox and the history, called directly as the right and wrong users. */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { link, makeArticle, tag, tombstone } from './fixtures';
import { addComment, deleteComment, editComment, listComments } from '@/lib/data/comments';
import { finalizeVerdict, listVerdicts, proposeVerdict } from '@/lib/data/verdicts';
import { listInbox, markInboxRead, unreadCount } from '@/lib/data/inbox';
import { historyOf } from '@/lib/data/history';
import { reviewAnnotation } from '@/lib/data/reviews';

type Who = Awaited<ReturnType<typeof makeUser>>;
let author: Who, other: Who, lead: Who, viewer: Who, outsider: Who;
let project: Awaited<ReturnType<typeof makeProject>>;
let article: Awaited<ReturnType<typeof makeArticle>>;

beforeAll(async () => {
  [author, other, lead, viewer, outsider] = await Promise.all([makeUser({ name: 'Ana' }), makeUser({ name: 'Ben' }), makeUser(), makeUser(), makeUser()]);
  project = await makeProject([[author.user.id, 'reviewer'], [other.user.id, 'reviewer'], [lead.user.id, 'lead'], [viewer.user.id, 'viewer']]);
  article = await makeArticle(project.id);
});

async function expectError(fn: () => unknown | Promise<unknown>, status: number, message?: RegExp) {
  let caught: unknown;
  try {
    await fn();
  } catch (error) {
    caught = error;
  }
  expect((caught as { status?: number })?.status, String(caught)).toBe(status);
  if (message) expect((caught as Error).message).toMatch(message);
}

describe('comments', () => {
  it('threads replies, lets only the author edit or delete, and leaves "comment deleted"', async () => {
    const a = await tag(article, author.user.id, 'claim', 'Ukraine will not legally recognize');
    const target = { kind: 'annotation' as const, id: a.id };
    const first = await addComment({ actor: other.actor, target, input: { body: 'Is the condition part of the claim?' } });
    const reply = await addComment({ actor: author.actor, target, input: { body: 'Yes, widened it.', parentId: first.id } });
    const nested = await addComment({ actor: other.actor, target, input: { body: 'Thanks.', parentId: reply.id } });
    expect(nested.parentId).toBe(first.id);
    await expectError(async () => await editComment({ actor: author.actor, commentId: first.id, input: { body: 'hijack' } }), 403);
    await expectError(async () => await deleteComment({ actor: author.actor, commentId: first.id }), 403);
    await expectError(() => addComment({ actor: viewer.actor, target, input: { body: 'I only read.' } }), 403);
    await expectError(() => addComment({ actor: outsider.actor, target, input: { body: 'Hello?' } }), 404);
    await expectError(() => addComment({ actor: other.actor, target, input: { body: 'x'.repeat(10_001) } }), 400, /10,000/);
    await expectError(() => addComment({ actor: other.actor, target, input: { body: '   ' } }), 400);
    await editComment({ actor: other.actor, commentId: first.id, input: { body: 'Is the condition part of it?' } });
    await deleteComment({ actor: other.actor, commentId: first.id });
    await expectError(async () => await editComment({ actor: other.actor, commentId: first.id, input: { body: 'again' } }), 409);
    const thread = (await listComments({ actor: viewer.actor, target })).comments;
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ deleted: true, body: '' });
    expect(thread[0].replies.map((r) => r.body)).toEqual(['Yes, widened it.', 'Thanks.']);
    expect((await listComments({ actor: viewer.actor, target })).canComment).toBe(false);
  });

  it('closes the thread of a deleted item (409)', async () => {
    const a = await tag(article, author.user.id, 'context', 'Officials in Washington');
    await tombstone(a.id);
    await expectError(() => addComment({ actor: other.actor, target: { kind: 'annotation', id: a.id }, input: { body: 'Late.' } }), 409);
  });
});

describe('claim verdicts', () => {
  it('takes proposals from reviewers and a final verdict from a lead, with evidence links of the claim only', async () => {
    const claim = await tag(article, author.user.id, 'claim', 'temporarily occupied territories');
    const quote = await tag(article, other.user.id, 'quote', 'the constitution forbids it');
    const elsewhere = await tag(article, other.user.id, 'context', 'declined to comment');
    const evidence = await link(project.id, other.user.id, claim.id, quote.id, 'corroborates');
    const unrelated = await link(project.id, other.user.id, quote.id, elsewhere.id, 'corroborates');
    const input = { verdict: 'true', rationale: 'The constitution says so.', evidenceLinkIds: [evidence.id] };
    await proposeVerdict({ actor: other.actor, annotationId: claim.id, input });
    await proposeVerdict({ actor: other.actor, annotationId: claim.id, input: { ...input, verdict: 'mostly-true' } });
    await expectError(async () => await proposeVerdict({ actor: other.actor, annotationId: claim.id, input: { ...input, evidenceLinkIds: [unrelated.id] } }), 400, /do not touch/);
    await expectError(async () => await proposeVerdict({ actor: other.actor, annotationId: claim.id, input: { ...input, verdict: 'pants-on-fire' } }), 400);
    await expectError(async () => await proposeVerdict({ actor: other.actor, annotationId: quote.id, input }), 400, /Only claims/);
    await expectError(async () => await proposeVerdict({ actor: viewer.actor, annotationId: claim.id, input }), 403);
    await expectError(async () => await finalizeVerdict({ actor: other.actor, annotationId: claim.id, input }), 403);
    await finalizeVerdict({ actor: lead.actor, annotationId: claim.id, input: { ...input, verdict: 'mixed' } });
    const verdicts = await listVerdicts({ actor: viewer.actor, annotationId: claim.id });
    expect(verdicts.final?.verdict).toBe('mixed');
    expect(verdicts.proposals.map((p) => p.verdict)).toEqual(['mostly-true']);
    expect(verdicts.canPropose).toBe(false);
  });
});

describe('inbox and history', () => {
  it('shows reviews, comments and replies on my work by others, newest first, with an unread count', async () => {
    const me = await makeUser({ name: 'Cleo' });
    const colleague = await makeUser({ name: 'Dev' });
    const p = await makeProject([[me.user.id, 'reviewer'], [colleague.user.id, 'reviewer']]);
    const art = await makeArticle(p.id);
    const a = await tag(art, me.user.id, 'claim', 'He added that the constitution forbids it');
    const target = { kind: 'annotation' as const, id: a.id };
    await reviewAnnotation({ actor: colleague.actor, id: a.id, input: { decision: 'reject', reason: 'Attribution is not the claim.' } });
    const c = await addComment({ actor: me.actor, target, input: { body: 'Which part?' } });
    await addComment({ actor: colleague.actor, target, input: { body: 'Drop "He added".', parentId: c.id } });
    await addComment({ actor: me.actor, target, input: { body: 'My own note' } });
    const inbox = await listInbox({ actor: me.actor });
    expect(inbox.items.map((i) => [i.type, i.actorName])).toEqual([
      ['reply', 'Dev'],
      ['review', 'Dev'],
    ]);
    expect(inbox.items[1]).toMatchObject({ decision: 'reject', reason: 'Attribution is not the claim.', articleId: art.id, focusAnnotationId: a.id });
    expect(await unreadCount({ actor: me.actor })).toBe(2);
    await markInboxRead({ actor: me.actor });
    expect(await unreadCount({ actor: me.actor })).toBe(0);
    // The reviewer hears about the thread of the item they reviewed, not about their own reply.
    expect((await listInbox({ actor: colleague.actor })).items.map((i) => [i.type, i.body])).toEqual([
      ['discussion', 'My own note'],
      ['discussion', 'Which part?'],
    ]);

    const history = (await historyOf({ actor: colleague.actor, kind: 'annotation', id: a.id })).entries;
    expect(history.map((e) => [e.action, e.actorName])).toEqual([
      ['review.create', 'Dev'],
      ['comment.create', 'Cleo'],
      ['comment.reply', 'Dev'],
      ['comment.create', 'Cleo'],
    ]);
    await expectError(async () => await historyOf({ actor: outsider.actor, kind: 'annotation', id: a.id }), 404);
  });
});

describe('history of an annotation', () => {
  it('includes the links made to it', async () => {
    const { createLink } = await import('@/lib/data/links');
    const one = await makeArticle(project.id, 'First outlet: the constitution forbids it.', 'One');
    const two = await makeArticle(project.id, 'Second outlet: the constitution forbids giving up land.', 'Two');
    const x = await tag(one, author.user.id, 'claim', 'the constitution forbids it');
    const y = await tag(two, other.user.id, 'claim', 'the constitution forbids giving up land');
    const l = await createLink({ actor: other.actor, input: { fromAnnotationId: x.id, toAnnotationId: y.id, relation: 'corroborates' } });
    const entries = (await historyOf({ actor: viewer.actor, kind: 'annotation', id: x.id })).entries;
    expect(entries.map((e) => [e.action, e.entityType, e.entityId])).toEqual([['link.create', 'link', l.id]]);
  });
});
