/**
 * FEVER zip: the rules the official scorer and ../shared/conformance/fever/check.py apply,
 * checked here so they hold on a fresh clone: FEVER fields and labels, NOT ENOUGH INFO with
 * NOT VERIFIABLE, an evidence set for every SUPPORTS / REFUTES claim, items
 * [annotation_id, evidence_id, page, line] that resolve in pages.jsonl to the linked span's
 * sentence, and a first set the scorer's five-sentence window holds (oracle strict score 1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { buildFixture, type Fixture } from './fixtures';
import { addMoreText } from './moreText';
import { exportBytes } from './collect';
import { finalizeVerdict } from '@/lib/data/verdicts';
import { createLink } from '@/lib/data/links';
import { reviewLink } from '@/lib/data/reviews';
import { FEVER_MAX_EVIDENCE } from '@/lib/export/fever';
import type { ExportRequest } from '@/lib/data/exports';

type Item = [number, number, string, number];
interface Claim { id: number; verifiable: string; label: string; claim: string; evidence: Item[][]; verdict: string | null }
interface Page { id: string; text: string; lines: string }

let f: Fixture;
let more: Awaited<ReturnType<typeof addMoreText>>;
beforeAll(async () => {
  f = await buildFixture();
  more = await addMoreText(f);
  // The CJK claim corroborates claim1 (accepted) and conflicts with claim2; claim1's verdict cites two links.
  const corroborates = await createLink({ actor: f.reviewer.actor, input: { fromAnnotationId: f.annotations.claim2.id, toAnnotationId: more.claim.id, relation: 'conflicts' } });
  await reviewLink({ actor: f.lead.actor, id: corroborates.id, input: { decision: 'accept' } });
  await finalizeVerdict({ actor: f.lead.actor, annotationId: f.annotations.claim1.id, input: { verdict: 'true', rationale: 'two outlets', evidenceLinkIds: [f.links.l1.id, f.links.l2.id] } });
});

async function fever(request: Omit<ExportRequest, 'format'> = {}) {
  const files = unzipSync(await exportBytes(f.lead.actor, f.project.id, { format: 'fever', ...request }));
  const jsonl = <T>(name: string): T[] => strFromU8(files[name]).split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
  const pages = new Map(jsonl<Page>('pages.jsonl').map((p) => [p.id, new Map(p.lines.split('\n').map((l) => [Number(l.split('\t')[0]), l.split('\t')[1] ?? '']))]));
  return { names: Object.keys(files).sort(), claims: jsonl<Claim>('claims.jsonl'), pages, manifest: JSON.parse(strFromU8(files['manifest.json'])) };
}

describe('FEVER export', () => {
  it('is a zip of claims.jsonl, pages.jsonl (one page per article) and a manifest', async () => {
    const { names, pages, manifest } = await fever();
    expect(names).toEqual(['claims.jsonl', 'manifest.json', 'pages.jsonl']);
    expect(pages.size).toBe(5);
    expect(manifest).toMatchObject({ format: 'fever', counts: { pages: 5 }, selection: 'accepted claims with a final verdict' });
  });

  it('exports only accepted claims with a final verdict and says why the others are left out', async () => {
    const { claims, manifest } = await fever();
    expect(claims.map((c) => c.id)).toEqual([f.annotations.claim1.id, f.annotations.claim2.id]);
    const reasons = new Map(manifest.skipped.map((s: { id: number; reason: string }) => [s.id, s.reason]));
    expect(reasons.get(f.annotations.claim4.id)).toBe('status proposed, not accepted');
    expect(reasons.get(more.claim.id)).toBe('status proposed, not accepted');
  });

  it('keeps the rules of the FEVER scorer for every claim', async () => {
    for (const request of [{}, { status: 'accepted,proposed,disputed,rejected' }]) {
      const { claims, pages } = await fever(request);
      expect(claims.length).toBeGreaterThan(0);
      for (const c of claims) {
        expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'verifiable', 'label', 'claim', 'evidence']));
        expect(['SUPPORTS', 'REFUTES', 'NOT ENOUGH INFO']).toContain(c.label);
        expect(c.label === 'NOT ENOUGH INFO').toBe(c.verifiable === 'NOT VERIFIABLE');
        expect(c.claim.trim()).not.toBe('');
        if (c.label !== 'NOT ENOUGH INFO') expect(c.evidence.length > 0 && c.evidence.every((s) => s.length > 0)).toBe(true);
        else expect(c.evidence).toEqual([]);
        for (const set of c.evidence) {
          expect(set.length).toBeLessThanOrEqual(FEVER_MAX_EVIDENCE);
          for (const [annotationId, linkId, page, line] of set) {
            expect([typeof annotationId, typeof linkId, typeof page, Number.isInteger(line)]).toEqual(['number', 'number', 'string', true]);
            expect(pages.get(page)?.has(line)).toBe(true);
          }
        }
      }
    }
  });

  it('points each item at the sentence of the linked span; the cited links form one set across articles', async () => {
    const { claims, pages } = await fever();
    const c1 = claims.find((c) => c.id === f.annotations.claim1.id)!;
    expect(c1).toMatchObject({ label: 'SUPPORTS', verifiable: 'VERIFIABLE', verdict: 'true' });
    const [cited, ...alone] = c1.evidence;
    expect(cited.map(([annotationId, linkId]) => [annotationId, linkId])).toEqual([[f.annotations.claim2.id, f.links.l1.id], [f.annotations.quote3.id, f.links.l2.id]]);
    expect(new Set(cited.map(([, , page]) => page)).size).toBe(2);
    expect(alone).toEqual([[[f.annotations.quote1.id, f.links.l4.id, `article-${f.articles.emoji.id}`, 0]]]);
    for (const [annotationId, , page, line] of cited) {
      const exact = Object.values(f.annotations).find((a) => a.id === annotationId)!.exact;
      expect(pages.get(page)!.get(line)).toContain(exact);
    }
  });

  it('labels a REFUTES claim from its verdict with the accepted conflicting link as evidence', async () => {
    const c2 = (await fever()).claims.find((c) => c.id === f.annotations.claim2.id)!;
    expect(c2).toMatchObject({ label: 'REFUTES', verdict: 'false' });
    expect(c2.evidence).toEqual([[[more.claim.id, expect.any(Number), `article-${more.id}`, 0]]]);
  });

  it('with a status filter, labels a claim without a final verdict from its accepted links', async () => {
    const { claims, manifest } = await fever({ status: 'proposed,accepted' });
    expect(manifest.selection).toMatch(/given statuses/);
    const cjk = claims.find((c) => c.id === more.claim.id);
    expect(cjk).toMatchObject({ label: 'REFUTES', verdict: null });
    expect(claims.find((c) => c.id === f.annotations.claim4.id)).toMatchObject({ label: 'NOT ENOUGH INFO', verifiable: 'NOT VERIFIABLE', evidence: [] });
  });
});
