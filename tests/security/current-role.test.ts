/**
 * Permissions follow the current role (issue 13, item 4): an author demoted to viewer can no
 * longer change or delete what they wrote, through lib/data and through HTTP, and nothing
 * changes. Promoted back, they can again.
 */
import { beforeAll, expect, test } from 'vitest';
import { SYSTEM } from '@/lib/data/actor';
import { setMember } from '@/lib/data/projects';
import { deleteComment, editComment } from '@/lib/data/comments';
import { deleteLink } from '@/lib/data/links';
import { deleteAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { isAppError } from '@/lib/errors';
import { callRoute, importRoute } from './routeCall';
import { buildWorld, restoreCast, snapshot, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 60_000);

async function demote() {
  await setMember({ actor: SYSTEM, projectId: w.projectId, input: { userId: w.people.authorReviewer.id, role: 'viewer' } });
}

async function statusOf(fn: () => unknown | Promise<unknown>): Promise<number> {
  try {
    await fn();
    return 200;
  } catch (error) {
    if (isAppError(error)) return error.status;
    throw error;
  }
}

test('lib/data: a demoted author cannot delete or edit their own link, comment or annotation', async () => {
  const actor = w.people.authorReviewer.actor;
  const link = await w.link();
  const comment = await w.comment();
  const annotation = await w.annotation();
  await demote();
  try {
    const before = await snapshot();
    expect(await statusOf(() => deleteLink({ actor, linkId: link.id }))).toBe(403);
    expect(await statusOf(async () => await deleteComment({ actor, commentId: comment }))).toBe(403);
    expect(await statusOf(async () => await editComment({ actor, commentId: comment, input: { body: 'changed' } }))).toBe(403);
    expect(await statusOf(() => updateAnnotation({ actor, annotationId: annotation.id, ifMatch: 1, input: { note: 'x' } }))).toBe(403);
    expect(await statusOf(() => deleteAnnotation({ actor, annotationId: annotation.id }))).toBe(403);
    expect(await snapshot()).toBe(before);
  } finally {
    await restoreCast(w);
  }
  expect(await statusOf(() => deleteLink({ actor, linkId: link.id }))).toBe(200);
  expect(await statusOf(async () => await deleteComment({ actor, commentId: comment }))).toBe(200);
});

test('HTTP: a demoted author gets 403 deleting their own link and comment', async () => {
  const token = w.people.authorReviewer.token;
  const link = await w.link();
  const comment = await w.comment();
  await demote();
  try {
    const before = await snapshot();
    const links = (await importRoute('/api/links/:id'))!;
    const comments = (await importRoute('/api/comments/:id'))!;
    const a = await callRoute(links, { method: 'DELETE', url: `/api/links/${link.id}`, params: { id: String(link.id) }, token, headers: { 'if-match': '1' } });
    const b = await callRoute(comments, { method: 'DELETE', url: `/api/comments/${comment}`, params: { id: String(comment) }, token });
    expect([a.status, b.status]).toEqual([403, 403]);
    expect(a.json).toMatchObject({ error: { code: 'forbidden' } });
    expect(await snapshot()).toBe(before);
  } finally {
    await restoreCast(w);
  }
});
