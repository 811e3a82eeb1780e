/**
 * A review is for the version it reviewed (issue 13, item 2): when an annotation changes in
 * substance (span, label, judged attributes), the reviews of the earlier version stop counting,
 * it is proposed again (and so are its links), the old reviews stay in its history marked as
 * for an older version, its reviewers find it in their inbox and queue, and `cli check` agrees.
 * A change of the note alone keeps the reviews.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { callRoute, importRoute } from './routeCall';
import { updateAnnotation } from '@/lib/data/annotations';
import { listReviews, reviewAnnotation, reviewLink, reviewQueue, settle } from '@/lib/data/reviews';
import { getLink } from '@/lib/data/linkViews';
import { listInbox } from '@/lib/data/inbox';
import { allProblems } from './checks';
import { buildWorld, type World } from './world';

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 60_000);

const problems = allProblems;

/** A claim by the authoring reviewer, accepted by the other reviewer and the lead. */
async function acceptedClaim(): Promise<number> {
  const id = (await w.annotation()).id;
  await reviewAnnotation({ actor: w.people.otherReviewer.actor, id, input: { decision: 'accept' } });
  await reviewAnnotation({ actor: w.people.lead.actor, id, input: { decision: 'accept' } });
  return id;
}

describe('lib/data', () => {
  test('a note alone keeps the reviews; a new label and span make it proposed again', async () => {
    const author = w.people.authorReviewer.actor;
    const id = await acceptedClaim();
    expect((await updateAnnotation({ actor: author, annotationId: id, ifMatch: 1, input: { note: 'typo fixed' } })).status).toBe('accepted');
    const changed = await updateAnnotation({ actor: author, annotationId: id, ifMatch: 2, input: { label: 'quote', start: 0, end: 9, note: 'now a quote' } });
    expect(changed.status).toBe('proposed');
    const view = await listReviews({ actor: w.people.viewer.actor, kind: 'annotation', id });
    expect(view.status).toBe('proposed');
    expect(view.reviews).toHaveLength(2);
    expect(view.reviews.every((r) => r.forOlderVersion && r.superseded && r.targetVersion === 1)).toBe(true);
    expect(await problems()).toEqual([]);
  });

  test('the reviewers see it in their inbox and queue; reviewing the new version counts again', async () => {
    const author = w.people.authorReviewer.actor;
    const id = await acceptedClaim();
    await updateAnnotation({ actor: author, annotationId: id, ifMatch: 1, input: { start: 1, end: 12 } });
    for (const who of ['otherReviewer', 'lead'] as const) {
      const items = (await listInbox({ actor: w.people[who].actor })).items.filter((i) => i.type === 'changed' && i.targetId === id);
      expect(items, who).toHaveLength(1);
      expect(items[0].unread).toBe(true);
    }
    const queued = (await reviewQueue({ actor: w.people.otherReviewer.actor, projectId: w.projectId })).groups.flatMap((g) => g.items.map((i) => i.id));
    expect(queued).toContain(id);
    expect((await reviewAnnotation({ actor: w.people.otherReviewer.actor, id, input: { decision: 'accept' } })).status).toBe('accepted');
    expect(await problems()).toEqual([]);
  });

  test('a settlement of the old version no longer decides', async () => {
    const id = (await w.annotation()).id;
    await reviewAnnotation({ actor: w.people.otherReviewer.actor, id, input: { decision: 'accept' } });
    await reviewAnnotation({ actor: w.people.lead.actor, id, input: { decision: 'reject', reason: 'not a claim' } });
    await settle({ actor: w.people.lead.actor, kind: 'annotation', id, input: { decision: 'reject', reason: 'settled' } });
    const changed = await updateAnnotation({ actor: w.people.authorReviewer.actor, annotationId: id, ifMatch: 1, input: { label: 'context' } });
    expect(changed.status).toBe('proposed');
  });

  test('a link whose end changed in substance is proposed again', async () => {
    const link = await w.link();
    await reviewLink({ actor: w.people.otherReviewer.actor, id: link.id, input: { decision: 'accept' } });
    expect((await getLink({ actor: w.people.viewer.actor, linkId: link.id })).status).toBe('accepted');
    await updateAnnotation({ actor: w.people.authorReviewer.actor, annotationId: link.fromAnnotationId, ifMatch: 1, input: { start: 2, end: 14 } });
    expect((await getLink({ actor: w.people.viewer.actor, linkId: link.id })).status).toBe('proposed');
    expect((await listReviews({ actor: w.people.viewer.actor, kind: 'link', id: link.id })).reviews[0].forOlderVersion).toBe(true);
    expect(await problems()).toEqual([]);
  });
});

test('HTTP: PATCH with a new span answers proposed; the reviews route marks the old reviews', async () => {
  const id = await acceptedClaim();
  const patch = (await importRoute('/api/annotations/:id'))!;
  const result = await callRoute(patch, { method: 'PATCH', url: `/api/annotations/${id}`, params: { id: String(id) }, token: w.people.authorReviewer.token, headers: { 'if-match': '1' }, body: { start: 3, end: 15 } });
  expect(result.status, result.text).toBe(200);
  expect(result.json).toMatchObject({ annotation: { status: 'proposed' } });
  const reviews = (await importRoute('/api/annotations/:id/reviews'))!;
  const list = await callRoute(reviews, { method: 'GET', url: `/api/annotations/${id}/reviews`, params: { id: String(id) }, token: w.people.viewer.token });
  expect(list.json).toMatchObject({ status: 'proposed', reviews: [{ forOlderVersion: true }, { forOlderVersion: true }] });
});
