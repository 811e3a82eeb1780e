import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from './fixtures';
import { exportText } from './collect';
import { sliceCodePoints } from '@/lib/anchoring/units';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});

const lines = (text: string) => text.trimEnd().split('\n').map((l) => JSON.parse(l));

describe('native JSONL', () => {
  it('starts with a manifest that states counts and units, then one line per article', async () => {
    const [manifest, ...articles] = lines(await exportText(f.lead.actor, f.project.id, { format: 'jsonl' }));
    expect(manifest).toMatchObject({ type: 'manifest', format: 'factcheck-workbench', formatVersion: 1, counts: { articles: 4, annotations: 9, links: 4, reviews: 11, liveReviews: 10 } });
    expect(manifest.offsets.startCp).toMatch(/code points/);
    expect(articles).toHaveLength(4);
    expect(articles.every((a) => a.type === 'article' && !a.body.includes('\r'))).toBe(true);
  });

  it('gives UTF-16 and code point offsets that both select the exact text', async () => {
    const [, ...articles] = lines(await exportText(f.lead.actor, f.project.id, { format: 'jsonl' }));
    let astral = 0;
    for (const article of articles) {
      for (const a of article.annotations) {
        expect(article.body.slice(a.start, a.end)).toBe(a.exact);
        expect(sliceCodePoints(article.body, a.startCp, a.endCp)).toBe(a.exact);
        if (a.startCp !== a.start) astral++;
      }
    }
    expect(astral).toBeGreaterThan(0);
  });

  it('carries reviews (replaced ones too), verdicts and each link once', async () => {
    const [, ...articles] = lines(await exportText(f.lead.actor, f.project.id, { format: 'jsonl' }));
    const claim1 = articles.flatMap((a) => a.annotations).find((a) => a.id === f.annotations.claim1.id);
    expect(claim1.reviews).toHaveLength(2);
    expect(claim1.reviews.filter((r: { supersededAt: string | null }) => r.supersededAt)).toHaveLength(1);
    expect(claim1.verdicts.map((v: { verdict: string }) => v.verdict)).toEqual(['mixed', 'true']);
    const linkIds = articles.flatMap((a) => a.links.map((l: { id: number }) => l.id)).sort();
    expect(linkIds).toEqual(Object.values(f.links).map((l) => l.id).sort());
  });
});

// CSV, brat and FEVER have their own files: csv.test.ts, brat.test.ts, fever.test.ts.

describe('filters', () => {
  it('exports only accepted items, and links only when both ends are exported', async () => {
    const [manifest, ...articles] = lines(await exportText(f.lead.actor, f.project.id, { format: 'jsonl', status: 'accepted' }));
    const anns = articles.flatMap((a) => a.annotations);
    expect(anns.every((a) => a.status === 'accepted')).toBe(true);
    expect(anns).toHaveLength(4);
    expect(manifest.counts.links).toBe(3);
    expect(manifest.filters).toEqual({ status: ['accepted'] });
  });

  it('filters by label, author and articles', async () => {
    const claims = lines(await exportText(f.lead.actor, f.project.id, { format: 'jsonl', label: 'claim' })).slice(1).flatMap((a) => a.annotations);
    expect(claims.map((a) => a.label)).toEqual(['claim', 'claim', 'claim']);
    const byLead = lines(await exportText(f.lead.actor, f.project.id, { format: 'jsonl', author: String(f.lead.user.id) })).slice(1).flatMap((a) => a.annotations);
    expect(byLead).toHaveLength(1);
    const one = lines(await exportText(f.lead.actor, f.project.id, { format: 'jsonl', articles: String(f.articles.rtl.id) }));
    expect(one).toHaveLength(2);
    expect(one[1].links).toEqual([]);
  });
});
