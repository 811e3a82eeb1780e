/**
 * ClaimReview: publishing settings (leads set them, the export refuses to start without them),
 * only accepted claims with a final verdict published, the claim's author, date and
 * percent-encoded appearance, the rating scale, and per claim what is missing. The emitted
 * objects are checked against schema.org's types (schema-dts, at compile time) and against
 * the fields Google's fact-check markup requires or recommends (at run time).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import type { ClaimReview, WithContext } from 'schema-dts';
import { buildFixture, type Fixture } from './fixtures';
import { exportBytes } from './collect';
import { callRoute, importRoute } from '../security/routeCall';
import { getPublishingSettings, updatePublishingSettings } from '@/lib/data/publishing';
import { exportProject } from '@/lib/data/exports';
import { createToken } from '@/lib/data/tokens';
import { annotations, articles, events } from '@/lib/db/tables';
import type { ClaimReviewDocument } from '@/lib/export/claimreview';
import { all, exec } from '@/lib/db/query';

// Compile-time check: every object we emit is a schema.org ClaimReview with its context.
const asSchemaOrg = (doc: ClaimReviewDocument): WithContext<ClaimReview> => doc;

const SETTINGS = {
  organizationName: 'Desk Fact Check',
  organizationUrl: 'https://desk.example/',
  logoUrl: 'https://desk.example/logo.png',
  factCheckUrlPattern: 'https://desk.example/fact-checks/{claimId}',
};

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});

async function exportZip() {
  const files = unzipSync(await exportBytes(f.lead.actor, f.project.id, { format: 'claimreview' }));
  const dir = `${f.project.slug}-claimreview`;
  return { reviews: JSON.parse(strFromU8(files[`${dir}/claim-reviews.json`])) as ClaimReviewDocument[], manifest: JSON.parse(strFromU8(files[`${dir}/manifest.json`])) };
}

describe('publishing settings', () => {
  it('refuses a ClaimReview export with a clear 422 until a lead sets them', async () => {
    await expect(exportProject({ actor: f.lead.actor, projectId: f.project.id, request: { format: 'claimreview' }, baseUrl: 'https://x.example' })).rejects.toThrow(/publishing settings.*\{claimId\}/);
    const route = (await importRoute('/api/projects/:projectId/export'))!;
    const token = (await createToken({ actor: f.lead.actor, input: { name: 't' } })).token;
    const res = await callRoute(route, { method: 'GET', url: `/api/projects/${f.project.id}/export?format=claimreview`, params: { projectId: String(f.project.id) }, token });
    expect(res.status).toBe(422);
    expect((res.json as { error: { message: string } }).error.message).toMatch(/organization/);
  });

  it('lets only leads change them, checks every field, and audits the change', async () => {
    await expect(updatePublishingSettings({ actor: f.reviewer.actor, projectId: f.project.id, input: SETTINGS })).rejects.toThrow(/does not allow/);
    await expect(updatePublishingSettings({ actor: f.outsider.actor, projectId: f.project.id, input: SETTINGS })).rejects.toThrow(/not found/);
    await expect(getPublishingSettings({ actor: f.outsider.actor, projectId: f.project.id })).rejects.toThrow(/not found/);
    await expect(updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: { ...SETTINGS, factCheckUrlPattern: 'https://desk.example/fact-checks/' } })).rejects.toThrow(/must contain \{claimId\}/);
    await expect(updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: { ...SETTINGS, factCheckUrlPattern: 'https://desk.example/{slug}/{claimId}' } })).rejects.toThrow(/may only use/);
    await expect(updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: { ...SETTINGS, organizationUrl: 'javascript:alert(1)' } })).rejects.toThrow(/public http\(s\) address/);
    await expect(updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: { ...SETTINGS, extra: 1 } })).rejects.toThrow(/Invalid input/);
    expect(await getPublishingSettings({ actor: f.viewer.actor, projectId: f.project.id })).toBeNull();
    await updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: { ...SETTINGS, logoUrl: '' } });
    expect(await getPublishingSettings({ actor: f.viewer.actor, projectId: f.project.id })).toEqual({ ...SETTINGS, logoUrl: null, claimUrls: {} });
    await updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: SETTINGS });
    const audit = (await all(f.db.select().from(events).where(eq(events.action, 'project.publishing')))).filter((e) => e.projectId === f.project.id);
    expect(audit).toHaveLength(2);
    expect(audit[1].before).toMatchObject({ logoUrl: null });
  });
});

describe('ClaimReview export', () => {
  beforeAll(async () => {
    const { emoji } = f.articles;
    await exec(f.db.update(articles).set({ publishedAt: '2025-04-25', url: 'https://example.org/новости/«we will»?a=1&b=é', outlet: 'Kyiv Post' }).where(eq(articles.id, emoji.id)));
    const start = emoji.body.indexOf('"We will');
    const end = emoji.body.indexOf('"', start + 1) + 1;
    await exec(f.db.insert(annotations).values({ projectId: f.project.id, articleId: emoji.id, authorId: f.reviewer.user.id, label: 'quote', start, end, exact: emoji.body.slice(start, end), attributes: { speaker: 'Volodymyr Zelenskyy', quoteKind: 'verbatim' } }));
  });

  it('publishes only the accepted claim with a final verdict, as Google fact-check markup needs it', async () => {
    const { reviews } = await exportZip();
    expect(reviews).toHaveLength(1);
    const [review] = reviews;
    const typed = asSchemaOrg(review);
    expect(typed['@type']).toBe('ClaimReview');
    // Google: required claimReviewed, reviewRating (alternateName), url; recommended author, datePublished, itemReviewed (author, datePublished, appearance).
    expect(review).toMatchObject({
      '@context': 'https://schema.org',
      url: `https://desk.example/fact-checks/${f.annotations.claim1.id}`,
      claimReviewed: 'We will not give up our territories',
      author: { '@type': 'Organization', name: 'Desk Fact Check', url: 'https://desk.example/', logo: { '@type': 'ImageObject', url: 'https://desk.example/logo.png' } },
      reviewRating: { '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'True', name: 'True' },
      reviewBody: 'Rationale true',
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Volodymyr Zelenskyy' }, datePublished: '2025-04-25', appearance: { '@type': 'CreativeWork', headline: 'Article emoji', publisher: { '@type': 'Organization', name: 'Kyiv Post' } } },
    });
    expect(review.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(review.itemReviewed.appearance.url).toBe('https://example.org/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/%C2%ABwe%20will%C2%BB?a=1&b=%C3%A9');
    expect(review.itemReviewed.appearance.url).toMatch(/^[\x21-\x7e]+$/);
  });

  it('lists, per claim that cannot be published, what it is missing', async () => {
    const { manifest } = await exportZip();
    expect(manifest.counts).toEqual({ claims: 3, published: 1, unpublishable: 2 });
    const byId = new Map(manifest.unpublishable.map((u: { claimId: number }) => [u.claimId, u]));
    expect(byId.get(f.annotations.claim2.id)).toMatchObject({ claim: 'Nous ne céderons pas', missing: ['the article has no publication date (when the claim was made)'] });
    expect(byId.get(f.annotations.claim4.id)).toMatchObject({
      missing: ['reviewers have not accepted it (status: proposed)', 'no final verdict (a lead gives it)', 'the article has no publication date (when the claim was made)'],
    });
    expect(manifest.ratingScale.verdicts.misleading).toEqual({ value: 2, name: 'Misleading' });
    expect(manifest.publisher.name).toBe('Desk Fact Check');
  });

  it('credits the outlet when no quote names a speaker, and leaves out a rejected claim', async () => {
    await exec(f.db.update(articles).set({ publishedAt: '2025-04-26' }).where(eq(articles.id, f.articles.accents.id)));
    let { reviews } = await exportZip();
    const claim2 = reviews.find((r) => r.url.endsWith(`/${f.annotations.claim2.id}`))!;
    expect(claim2.itemReviewed.author).toEqual({ '@type': 'Organization', name: '=Outlet+' });
    expect(claim2.reviewRating).toMatchObject({ ratingValue: 1, alternateName: 'False' });
    await exec(f.db.update(annotations).set({ status: 'rejected' }).where(eq(annotations.id, f.annotations.claim2.id)));
    ({ reviews } = await exportZip());
    expect(reviews.map((r) => r.claimReviewed)).toEqual(['We will not give up our territories']);
  });

  it('uses a claim\'s own fact-check address over the pattern, for claims of the project only', async () => {
    const own = { [String(f.annotations.claim1.id)]: 'https://desk.example/2025/04/zelenskyy-территории' };
    await expect(updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: { ...SETTINGS, claimUrls: { [String(f.annotations.quote1.id)]: 'https://desk.example/q' } } })).rejects.toThrow(`No claim ${f.annotations.quote1.id} in this project`);
    await expect(updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: { ...SETTINGS, claimUrls: { x: 'https://desk.example/q' } } })).rejects.toThrow(/claim ids must be numbers/);
    await updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: { ...SETTINGS, claimUrls: own } });
    const { reviews } = await exportZip();
    expect(reviews.map((r) => r.url)).toEqual(['https://desk.example/2025/04/zelenskyy-%D1%82%D0%B5%D1%80%D1%80%D0%B8%D1%82%D0%BE%D1%80%D0%B8%D0%B8']);
    await updatePublishingSettings({ actor: f.lead.actor, projectId: f.project.id, input: SETTINGS });
    expect((await exportZip()).reviews.map((r) => r.url)).toEqual([`https://desk.example/fact-checks/${f.annotations.claim1.id}`]);
  });
});
