import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { buildFixture, type Fixture } from '../export/fixtures';
import { BASE, exportText } from '../export/collect';
import { SCHEMAS, validateW3cExport, W3cSuite } from './w3cSuite';
import { W3C_PAGE_SIZE } from '@/lib/export/w3c';
import { getDb } from '@/lib/db/client';
import { annotations } from '@/lib/db/tables';
import { exec } from '@/lib/db/query';

/** The fields of a W3C annotation these tests read. */
interface W3cItem {
  id: string;
  motivation: string;
  body: unknown;
  target: { selector: Array<{ type: string; start?: number }> };
}
/** The article texts of a fixture by their IRIs, as the validator looks them up. */
const textsOf = (fixture: Fixture) => new Map(Object.values(fixture.articles).map((a) => [`${BASE}/api/articles/${a.id}/text`, a.body]));

let f: Fixture;
let texts: Map<string, string>;
beforeAll(async () => {
  f = await buildFixture();
  texts = textsOf(f);
});

describe('W3C Web Annotation export', () => {
  it('carries the W3C suite data with its NOTICE and licence', () => {
    expect(fs.existsSync(path.join(SCHEMAS, 'NOTICE.md'))).toBe(true);
    expect(fs.existsSync(path.join(SCHEMAS, 'license.md'))).toBe(true);
  });

  it('the suite catches a non-conforming annotation (so a pass means something)', () => {
    const suite = new W3cSuite();
    const bad = { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'not an iri', type: 'Note', created: 'yesterday', target: 12 };
    expect(suite.check('annotation', bad, 'bad').length).toBeGreaterThan(2);
  });

  it('passes every MUST assertion and the code point check', async () => {
    const docs = JSON.parse(await exportText(f.lead.actor, f.project.id, { format: 'w3c' }));
    const result = validateW3cExport(docs, texts);
    expect(result.failures).toEqual([]);
    expect(result.extras).toEqual([]);
    expect(result.annotations).toBe(9 + 4 + 10);
    expect(result.evaluated).toBeGreaterThan(500);
    expect(docs[0]).toMatchObject({ type: 'AnnotationCollection', total: 23 });
  });

  it('uses absolute IRIs, code point selectors, purposes and motivations', async () => {
    const [collection] = JSON.parse(await exportText(f.lead.actor, f.project.id, { format: 'w3c' }));
    const items = collection.first.items as W3cItem[];
    const claim = items.find((i) => i.id === `${BASE}/api/projects/${f.project.id}/w3c/annotation-${f.annotations.claim1.id}`)!;
    expect(claim.motivation).toBe('classifying');
    expect(claim.body).toEqual(expect.arrayContaining([
      expect.objectContaining({ purpose: 'classifying', value: 'claim' }),
      expect.objectContaining({ purpose: 'tagging', value: 'verdict:true' }),
    ]));
    const position = claim.target.selector.find((s) => s.type === 'TextPositionSelector')!;
    const body = f.articles.emoji.body;
    const start = body.indexOf('We will');
    expect(position.start).toBe(start - 2);
    expect(items.filter((i) => i.motivation === 'linking')).toHaveLength(4);
    expect(items.filter((i) => i.motivation === 'assessing')).toHaveLength(10);
  });

  it('splits large collections into linked pages that still pass', async () => {
    // A fixture of its own: the annotations added here must not reach the other tests' counts.
    const big = await buildFixture();
    const db = getDb();
    const { emoji } = big.articles;
    const rows = Array.from({ length: W3C_PAGE_SIZE + 20 }, (_, i) => ({ projectId: big.project.id, articleId: emoji.id, authorId: big.reviewer.user.id, label: 'context' as const, start: 10 + (i % 2) * 4, end: 14 + (i % 2) * 4, exact: emoji.body.slice(10 + (i % 2) * 4, 14 + (i % 2) * 4) }));
    await exec(db.insert(annotations).values(rows));
    const docs = JSON.parse(await exportText(big.lead.actor, big.project.id, { format: 'w3c' }));
    expect(docs).toHaveLength(2);
    expect(docs[1]).toMatchObject({ type: 'AnnotationPage', startIndex: W3C_PAGE_SIZE, prev: docs[0].first.id });
    expect(docs[0].first.next).toBe(docs[1].id);
    expect(docs[0].last).toBe(docs[1].id);
    const result = validateW3cExport(docs, textsOf(big));
    expect(result.failures).toEqual([]);
    expect(result.extras).toEqual([]);
    expect(result.annotations).toBe(docs[0].total);
  });
});
