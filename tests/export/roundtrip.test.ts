import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from './fixtures';
import { exportText } from './collect';
import { importBatch } from '@/lib/data/imports';
import { makeProject } from '../helpers';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});

/** The parts of a native JSONL line that the comparison looks at; the rest is compared as is. */
interface Keyed { id: number; [field: string]: unknown }
interface LineVerdict extends Keyed { evidenceLinkIds: number[] }
interface LineAnnotation extends Keyed { start: number; end: number; label: string; reviews: Keyed[]; verdicts: LineVerdict[] }
interface LineLink extends Keyed { fromAnnotationId: number; toAnnotationId: number; reviews: Keyed[] }
interface Line extends Keyed { sha256: string; annotations: LineAnnotation[]; links: LineLink[] }

/**
 * The export with every database id replaced by a stable key (sha256 + span), without the
 * line signatures (they cover the ids, so they differ between two projects by design).
 */
function canonical(text: string) {
  const [, ...lines] = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
  const keyOf = new Map<number, string>();
  const linkKey = new Map<number, string>();
  for (const a of lines) for (const ann of a.annotations) keyOf.set(ann.id, `${a.sha256}:${ann.start}:${ann.end}:${ann.label}`);
  for (const a of lines) for (const l of a.links) linkKey.set(l.id, [keyOf.get(l.fromAnnotationId), keyOf.get(l.toAnnotationId)].sort().join('|'));
  const review = ({ id: _id, ...r }: Keyed) => r;
  return lines
    .map(({ id: _id, importedAt: _at, signature: _sig, annotations, links, ...article }) => ({
      ...article,
      annotations: annotations.map(({ id, reviews, verdicts, ...ann }) => ({
        key: keyOf.get(id),
        ...ann,
        reviews: reviews.map(review),
        verdicts: verdicts.map(({ id: _v, evidenceLinkIds, ...v }) => ({ ...v, evidence: evidenceLinkIds.map((l) => linkKey.get(l)) })),
      })),
      links: links.map(({ id, fromAnnotationId: _f, toAnnotationId: _t, reviews, ...l }) => ({ key: linkKey.get(id), ...l, reviews: reviews.map(review) })),
    }))
    .sort((a, b) => a.sha256.localeCompare(b.sha256));
}

describe('native JSONL round trip', () => {
  it('export, then import into an empty project, gives the same data back', async () => {
    const original = await exportText(f.lead.actor, f.project.id, { format: 'jsonl' });
    const copy = await makeProject([[f.lead.user.id, 'lead'], [f.reviewer.user.id, 'reviewer'], [f.viewer.user.id, 'viewer']]);
    const result = await importBatch({ actor: f.lead.actor, projectId: copy.id, files: [{ name: 'export.jsonl', bytes: new TextEncoder().encode(original) }] });
    expect(result.imported).toBe(4);
    expect(result.files[0]).toMatchObject({ links: 4, skippedLinks: 0, reassignedAuthors: 0, unverifiedLines: 0, droppedReviews: 0 });
    const again = await exportText(f.lead.actor, copy.id, { format: 'jsonl' });
    expect(canonical(again)).toEqual(canonical(original));
  });

  it('importing the same export again reports every article as a duplicate', async () => {
    const original = await exportText(f.lead.actor, f.project.id, { format: 'jsonl' });
    const result = await importBatch({ actor: f.lead.actor, projectId: f.project.id, files: [{ name: 'export.jsonl', bytes: new TextEncoder().encode(original) }] });
    expect(result).toMatchObject({ imported: 0, duplicates: 4 });
    expect(result.files[0].skippedLinks).toBe(4);
  });

  it('refuses a native file whose offsets do not select the exact text, naming the line', async () => {
    const original = await exportText(f.lead.actor, f.project.id, { format: 'jsonl' });
    const lines = original.split('\n');
    const article = JSON.parse(lines[1]);
    article.annotations[0].start += 1;
    lines[1] = JSON.stringify(article);
    const copy = await makeProject([[f.lead.user.id, 'lead']]);
    await expect(importBatch({ actor: f.lead.actor, projectId: copy.id, files: [{ name: 'x.jsonl', bytes: new TextEncoder().encode(lines.join('\n')) }] })).rejects.toThrow(/x\.jsonl, line 2: annotation \d+: .* does not select its exact text/);
  });
});
