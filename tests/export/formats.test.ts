import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { buildFixture, type Fixture } from './fixtures';
import { exportBytes, exportText, parseCsv } from './collect';
import { sliceCodePoints } from '@/lib/anchoring/units';
import { CSV_COLUMNS } from '@/lib/export/csv';

let f: Fixture;
let bodies: Map<number, string>;
beforeAll(async () => {
  f = await buildFixture();
  bodies = new Map(Object.values(f.articles).map((a) => [a.id, a.body]));
});

const lines = (text: string) => text.trimEnd().split('\n').map((l) => JSON.parse(l));

describe('native JSONL', () => {
  it('starts with a manifest that states counts and units, then one line per article', () => {
    const [manifest, ...articles] = lines(exportText(f.lead.actor, f.project.id, { format: 'jsonl' }));
    expect(manifest).toMatchObject({ type: 'manifest', format: 'factcheck-workbench', formatVersion: 1, counts: { articles: 4, annotations: 9, links: 4, reviews: 11, liveReviews: 10 } });
    expect(manifest.offsets.startCp).toMatch(/code points/);
    expect(articles).toHaveLength(4);
    expect(articles.every((a) => a.type === 'article' && !a.body.includes('\r'))).toBe(true);
  });

  it('gives UTF-16 and code point offsets that both select the exact text', () => {
    const [, ...articles] = lines(exportText(f.lead.actor, f.project.id, { format: 'jsonl' }));
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

  it('carries reviews (replaced ones too), verdicts and each link once', () => {
    const [, ...articles] = lines(exportText(f.lead.actor, f.project.id, { format: 'jsonl' }));
    const claim1 = articles.flatMap((a) => a.annotations).find((a) => a.id === f.annotations.claim1.id);
    expect(claim1.reviews).toHaveLength(2);
    expect(claim1.reviews.filter((r: { supersededAt: string | null }) => r.supersededAt)).toHaveLength(1);
    expect(claim1.verdicts.map((v: { verdict: string }) => v.verdict)).toEqual(['mixed', 'true']);
    const linkIds = articles.flatMap((a) => a.links.map((l: { id: number }) => l.id)).sort();
    expect(linkIds).toEqual(Object.values(f.links).map((l) => l.id).sort());
  });
});

describe('CSV', () => {
  it('is RFC 4180 with both offset kinds that select the exact text', () => {
    const text = exportText(f.lead.actor, f.project.id, { format: 'csv' });
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(9);
    const col = (name: (typeof CSV_COLUMNS)[number]) => header.indexOf(name);
    for (const row of rows) {
      const body = bodies.get(Number(row[col('article_id')]))!;
      const exact = row[col('exact')].replace(/^'(?=[=+\-@\t\r])/, '');
      expect(body.slice(Number(row[col('start_utf16')]), Number(row[col('end_utf16')]))).toBe(exact);
      expect(sliceCodePoints(body, Number(row[col('start_codepoint')]), Number(row[col('end_codepoint')]))).toBe(exact);
    }
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    const [header, ...rows] = parseCsv(exportText(f.lead.actor, f.project.id, { format: 'csv' }));
    const notes = rows.map((r) => r[header.indexOf('note')]);
    expect(notes).toContain(`'=HYPERLINK("x")`);
    expect(notes).toContain(`'+1 tab\tnote, "quoted"`);
    expect(notes).toContain(`'@mention -minus`);
    expect(rows.map((r) => r[header.indexOf('outlet')])).toContain(`'=Outlet+`);
    expect(rows.every((r) => !/^[=+\-@\t\r]/.test(r.join('')))).toBe(true);
  });

  it('lists linked annotation ids from both ends and the final verdict', () => {
    const [header, ...rows] = parseCsv(exportText(f.lead.actor, f.project.id, { format: 'csv' }));
    const byId = new Map(rows.map((r) => [Number(r[header.indexOf('annotation_id')]), r]));
    const claim2 = byId.get(f.annotations.claim2.id)!;
    expect(claim2[header.indexOf('linked_annotation_ids')]).toBe(String(f.annotations.claim1.id));
    expect(claim2[header.indexOf('verdict')]).toBe('false');
    expect(byId.get(f.annotations.claim1.id)![header.indexOf('linked_annotation_ids')].split(' ')).toHaveLength(4);
  });
});

describe('brat standoff', () => {
  it('zips .txt/.ann per article with T lines in code points, attributes, notes and links.tsv', () => {
    const files = unzipSync(exportBytes(f.lead.actor, f.project.id, { format: 'brat' }));
    const names = Object.keys(files);
    const dir = `${f.project.slug}-brat`;
    expect(names).toEqual(expect.arrayContaining([`${dir}/annotation.conf`, `${dir}/links.tsv`]));
    let tLines = 0;
    for (const [id, body] of bodies) {
      expect(strFromU8(files[`${dir}/article-${id}.txt`])).toBe(body);
      const ann = strFromU8(files[`${dir}/article-${id}.ann`]);
      for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
        const [, typeAndSpans, text] = line.split('\t');
        const pieces = typeAndSpans.split(' ').slice(1).join(' ').split(';').map((p) => p.split(' ').map(Number));
        expect(pieces.map(([s, e]) => sliceCodePoints(body, s, e)).join(' ')).toBe(text);
        tLines++;
      }
    }
    expect(tLines).toBe(9);
    const emojiAnn = strFromU8(files[`${dir}/article-${f.articles.emoji.id}.ann`]);
    expect(emojiAnn).toMatch(new RegExp(`^A\\d+\tStatus T${f.annotations.claim1.id} accepted$`, "m"));
    expect(emojiAnn).toContain(`Verdict T${f.annotations.claim1.id} true`);
    expect(emojiAnn).toContain(`AnnotatorNotes T${f.annotations.quote1.id}\tspeaker: Zelenskyy`);
    expect(emojiAnn).toContain(`R${f.links.l4.id}\tCorroborates Arg1:T${f.annotations.claim1.id} Arg2:T${f.annotations.quote1.id}`);
    const tsv = strFromU8(files[`${dir}/links.tsv`]).trim().split('\n');
    expect(tsv).toHaveLength(5);
  });
});

describe('FEVER JSONL', () => {
  it('labels each claim from its verdict or accepted links, with evidence at the linked spans', () => {
    const records = lines(exportText(f.lead.actor, f.project.id, { format: 'fever' }));
    expect(records).toHaveLength(3);
    const byId = new Map(records.map((r) => [r.id, r]));
    const c1 = byId.get(f.annotations.claim1.id);
    expect(c1).toMatchObject({ label: 'SUPPORTS', verdict: 'true', verifiable: 'VERIFIABLE' });
    expect(c1.evidence).toHaveLength(1);
    const [piece] = c1.evidence[0];
    expect(piece.annotationId).toBe(f.annotations.claim2.id);
    expect(sliceCodePoints(bodies.get(piece.articleId)!, piece.start, piece.end)).toBe(piece.text);
    expect(byId.get(f.annotations.claim2.id)).toMatchObject({ label: 'REFUTES', evidence: [] });
    expect(byId.get(f.annotations.claim4.id)).toMatchObject({ label: 'NOT ENOUGH INFO', verdict: null });
    const src = byId.get(f.annotations.claim4.id).source;
    expect(sliceCodePoints(bodies.get(src.articleId)!, src.start, src.end)).toBe('لن نتنازل عن أراضينا');
  });
});

describe('filters', () => {
  it('exports only accepted items, and links only when both ends are exported', () => {
    const [manifest, ...articles] = lines(exportText(f.lead.actor, f.project.id, { format: 'jsonl', status: 'accepted' }));
    const anns = articles.flatMap((a) => a.annotations);
    expect(anns.every((a) => a.status === 'accepted')).toBe(true);
    expect(anns).toHaveLength(4);
    expect(manifest.counts.links).toBe(3);
    expect(manifest.filters).toEqual({ status: ['accepted'] });
  });

  it('filters by label, author and articles', () => {
    const claims = lines(exportText(f.lead.actor, f.project.id, { format: 'jsonl', label: 'claim' })).slice(1).flatMap((a) => a.annotations);
    expect(claims.map((a) => a.label)).toEqual(['claim', 'claim', 'claim']);
    const byLead = lines(exportText(f.lead.actor, f.project.id, { format: 'jsonl', author: String(f.lead.user.id) })).slice(1).flatMap((a) => a.annotations);
    expect(byLead).toHaveLength(1);
    const one = lines(exportText(f.lead.actor, f.project.id, { format: 'jsonl', articles: String(f.articles.rtl.id) }));
    expect(one).toHaveLength(2);
    expect(one[1].links).toEqual([]);
  });
});
