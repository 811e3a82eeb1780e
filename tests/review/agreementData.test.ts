/** Agreement figures read from a project: pairs, per-article rows and the disagreement list. */
import { describe, expect, it } from 'vitest';
import { makeProject, makeUser } from '../helpers';
import { link, makeArticle, tag } from './fixtures';
import { pairDisagreements, projectAgreement } from '@/lib/data/agreement';

describe('projectAgreement', () => {
  it('compares every pair on shared articles and lists their disagreements; outsiders get 404', async () => {
    const [a, b, c, outsider] = await Promise.all([makeUser({ name: 'Alma' }), makeUser({ name: 'Bo' }), makeUser({ name: 'Cy' }), makeUser()]);
    const p = await makeProject([[a.user.id, 'reviewer'], [b.user.id, 'reviewer'], [c.user.id, 'reviewer']]);
    const one = await makeArticle(p.id);
    const two = await makeArticle(p.id, 'A second, unrelated text about grain exports.', 'Grain');
    const a1 = await tag(one, a.user.id, 'claim', 'Ukraine will not legally recognize');
    const a2 = await tag(one, a.user.id, 'quote', 'the constitution forbids it');
    const b1 = await tag(one, b.user.id, 'claim', 'Ukraine will not legally recognize');
    const b2 = await tag(one, b.user.id, 'context', 'the constitution forbids it');
    await tag(two, c.user.id, 'claim', 'grain exports');
    await link(p.id, a.user.id, a1.id, a2.id, 'corroborates');
    await link(p.id, b.user.id, b1.id, b2.id, 'corroborates');
    const data = await projectAgreement({ actor: a.actor, projectId: p.id });
    expect(data.reviewers.map((r) => r.name)).toEqual(['Alma', 'Bo', 'Cy']);
    const ab = data.pairs.find((x) => x.a === a.user.id && x.b === b.user.id)!;
    // Exact: the claim matches, the second span differs in label: 2·1/4 = 0.5 (overlap too).
    expect(ab.exactF1).toBe(0.5);
    expect(ab.overlapF1).toBe(0.5);
    // Links join the same spans with the same relation: 1.
    expect(ab.linkF1).toBe(1);
    expect(ab.articles).toBe(1);
    const ac = data.pairs.find((x) => x.a === a.user.id && x.b === c.user.id)!;
    expect(ac).toMatchObject({ articles: 0, exactF1: null, kappa: null, linkF1: 0 });
    expect(data.articles.items).toHaveLength(1);
    expect(data.articles.nextCursor).toBeNull();
    const list = await pairDisagreements({ actor: b.actor, projectId: p.id, a: a.user.id, b: b.user.id });
    expect(list.items.map((d) => [d.kind, d.a?.id, d.b?.id])).toEqual([['label', a2.id, b2.id]]);
    await expect(projectAgreement({ actor: outsider.actor, projectId: p.id })).rejects.toThrow(/not found/);
  });
});
