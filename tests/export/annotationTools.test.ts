/**
 * The formats for annotation and NLP tools, table-tested against the article bodies: Label
 * Studio tasks and span JSONL count code points (what Label Studio stores, Python slices and
 * spaCy's doc.char_span takes); doccano counts UTF-16 code units, as doccano's editor does.
 * Bodies are the stored ones (CRLF made LF, NFC), with emoji, CJK, combining marks, RTL text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from './fixtures';
import { addMoreText, MORE_TEXT } from './moreText';
import { exportText } from './collect';
import { sliceCodePoints } from '@/lib/anchoring/units';
import { LABEL_STUDIO_CONFIG } from '@/lib/export/labelstudio';

let f: Fixture;
let more: Awaited<ReturnType<typeof addMoreText>>;
let bodies: Map<number, string>;
beforeAll(async () => {
  f = await buildFixture();
  more = await addMoreText(f);
  bodies = new Map([...Object.values(f.articles).map((a) => [a.id, a.body] as const), [more.id, more.body]]);
});

interface Found { articleId: number; text: string; start: number; end: number; label: string; exact: string }
type Unit = 'code points' | 'UTF-16';

interface LsResult { id?: string; type: string; from_name?: string; from_id?: string; to_id?: string; labels?: string[]; value?: { start: number; end: number; text?: string | string[]; labels?: string[]; choices?: string[] } }
interface LsTask { data: { text: string; article_id: number }; annotations: Array<{ result: LsResult[] }> }

const jsonl = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));

const FORMATS: Array<{ format: 'labelstudio' | 'spans' | 'doccano'; unit: Unit; read: (text: string) => Found[] }> = [
  {
    format: 'labelstudio',
    unit: 'code points',
    read: (text) => (JSON.parse(text) as LsTask[]).flatMap((t) => t.annotations.flatMap((a) => a.result.filter((r) => r.type === 'labels').map((r) => ({ articleId: t.data.article_id, text: t.data.text, start: r.value!.start, end: r.value!.end, label: r.value!.labels![0], exact: String(r.value!.text) })))),
  },
  {
    format: 'spans',
    unit: 'code points',
    read: (text) => jsonl(text).flatMap((l) => l.spans.map((s: { start: number; end: number; label: string; text: string }) => ({ articleId: l.id, text: l.text, start: s.start, end: s.end, label: s.label, exact: s.text }))),
  },
  {
    format: 'doccano',
    unit: 'UTF-16',
    read: (text) => jsonl(text).flatMap((l) => l.label.map(([start, end, label]: [number, number, string]) => ({ articleId: l.article_id, text: l.text, start, end, label, exact: (l.text as string).slice(start, end) }))),
  },
];

const slice = (unit: Unit, body: string, start: number, end: number) => (unit === 'UTF-16' ? body.slice(start, end) : sliceCodePoints(body, start, end));

describe.each(FORMATS)('$format ($unit)', ({ format, unit, read }) => {
  it('carries every article body as stored (LF line breaks, NFC)', async () => {
    const found = read(await exportText(f.lead.actor, f.project.id, { format }));
    for (const s of found) expect(s.text).toBe(bodies.get(s.articleId));
    expect(bodies.get(more.id)).toBe(MORE_TEXT.replace(/\r\n/g, '\n').normalize('NFC'));
  });

  it('selects with each span exactly its text in the body, emoji, CJK and combining marks included', async () => {
    const found = read(await exportText(f.lead.actor, f.project.id, { format }));
    expect(found).toHaveLength(14);
    const expected = new Map([...Object.values(f.annotations), more.claim, more.quote, more.crossing, more.apostrophe, more.formula].map((a) => [a.exact, a]));
    for (const s of found) {
      expect(slice(unit, bodies.get(s.articleId)!, s.start, s.end)).toBe(s.exact);
      expect(expected.has(s.exact)).toBe(true);
    }
    const tricky = ['我们不会放弃领土。', '🇺🇦 said', '𠀋 q\u0307uote x\u0323\u0301.\n\'Tis said', 'Ångström', 'שלום עולם'];
    for (const t of tricky) expect(found.map((s) => s.exact)).toContain(t.normalize('NFC'));
    const after = found.find((s) => s.exact === '=SUM(A1) and @desk 👍🏽')!;
    expect(after.start).toBe(unit === 'UTF-16' ? more.formula.start : Array.from(more.body.slice(0, more.formula.start)).length);
  });

  it('names labels as the tools show them', async () => {
    const labels = new Set(read(await exportText(f.lead.actor, f.project.id, { format })).map((s) => s.label));
    expect([...labels].sort()).toEqual(format === 'spans' ? ['claim', 'context', 'quote'] : ['Claim', 'Context', 'Quote']);
  });
});

describe('Label Studio tasks', () => {
  const tasks = async () => JSON.parse(await exportText(f.lead.actor, f.project.id, { format: 'labelstudio' })) as LsTask[];

  it('gives speaker and quote kind as per-region results and links in one article as relations', async () => {
    const emoji = (await tasks()).find((t) => t.data.article_id === f.articles.emoji.id)!;
    const result = emoji.annotations[0].result;
    const region = `a${f.annotations.quote1.id}`;
    expect(result).toContainEqual(expect.objectContaining({ id: region, from_name: 'speaker', type: 'textarea', value: expect.objectContaining({ text: ['Zelenskyy'] }) }));
    expect(result).toContainEqual(expect.objectContaining({ id: region, from_name: 'quoteKind', type: 'choices', value: expect.objectContaining({ choices: ['verbatim'] }) }));
    expect(result).toContainEqual({ from_id: `a${f.annotations.claim1.id}`, to_id: region, type: 'relation', direction: 'right', labels: ['Corroborates'] });
    expect(result.filter((r) => r.type === 'relation')).toHaveLength(1);
  });

  it('uses only control names and values the labeling config declares', async () => {
    const names = new Set([...LABEL_STUDIO_CONFIG.matchAll(/ name="([^"]+)"/g)].map((m) => m[1]));
    const values = new Set([...LABEL_STUDIO_CONFIG.matchAll(/ value="([^"$]+)"/g)].map((m) => m[1]));
    for (const r of (await tasks()).flatMap((t) => t.annotations.flatMap((a) => a.result))) {
      if (r.type === 'relation') expect(values).toContain(r.labels![0]);
      else {
        expect(names).toContain(r.from_name);
        for (const v of [...(r.value!.labels ?? []), ...(r.value!.choices ?? [])]) expect(values).toContain(v);
      }
    }
  });
});

describe('span JSONL', () => {
  it('has the same keys on every line and every span, as datasets needs for one table', async () => {
    const lines = jsonl(await exportText(f.lead.actor, f.project.id, { format: 'spans' }));
    const keys = new Set(lines.map((l) => Object.keys(l).join()));
    const spanKeys = new Set(lines.flatMap((l) => l.spans.map((s: object) => Object.keys(s).join())));
    expect([keys.size, spanKeys.size]).toEqual([1, 1]);
    expect(lines.flatMap((l) => l.links).map((l: { id: number }) => l.id).sort()).toEqual(Object.values(f.links).map((l) => l.id).sort());
  });
});
