/**
 * brat standoff zip, checked with the rules of brat's parser and verifier
 * (../shared/conformance/brat/check.py runs brat itself): T lines select their text in code
 * points, overlapping spans are declared in annotation.conf, and every attribute is declared
 * for its entity type with its value, speaker and quote kind included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { buildFixture, type Fixture } from './fixtures';
import { addMoreText } from './moreText';
import { exportBytes } from './collect';
import { sliceCodePoints } from '@/lib/anchoring/units';
import { bratSpeakerValue } from '@/lib/export/brat';

let f: Fixture;
let more: Awaited<ReturnType<typeof addMoreText>>;
let files: Record<string, string>;
let dir: string;
beforeAll(async () => {
  f = await buildFixture();
  more = await addMoreText(f);
  dir = `${f.project.slug}-brat`;
  files = Object.fromEntries(Object.entries(unzipSync(await exportBytes(f.lead.actor, f.project.id, { format: 'brat' }))).map(([k, v]) => [k, strFromU8(v)]));
});

interface TextBound { id: string; type: string; spans: Array<[number, number]>; text: string }

function textBounds(ann: string): TextBound[] {
  return ann.split('\n').filter((l) => l.startsWith('T')).map((line) => {
    const [id, typeAndSpans, text] = line.split('\t');
    const [type, ...rest] = typeAndSpans.split(' ');
    return { id, type, text, spans: rest.join(' ').split(';').map((p) => p.split(' ').map(Number) as [number, number]) };
  });
}

/** [attributes] of annotation.conf: name -> entity types it applies to and allowed values. */
function declaredAttributes(conf: string) {
  const section = conf.split('[attributes]')[1].split('\n').filter((l) => l.includes('\t'));
  return new Map(section.map((line) => {
    const [name, spec] = line.split('\t');
    const args = Object.fromEntries(spec.split(', ').map((p) => p.split(':') as [string, string]));
    return [name, { types: args.Arg.split('|'), values: args.Value.split('|') }];
  }));
}

const articleIds = () => [...Object.values(f.articles).map((a) => a.id), more.id];
const bodyOf = (id: number) => (id === more.id ? more.body : Object.values(f.articles).find((a) => a.id === id)!.body);

describe('brat export', () => {
  it('has a .txt with the body and T lines that select their text in code points', () => {
    let count = 0;
    for (const id of articleIds()) {
      expect(files[`${dir}/article-${id}.txt`]).toBe(bodyOf(id));
      for (const t of textBounds(files[`${dir}/article-${id}.ann`])) {
        expect(t.spans.map(([s, e]) => sliceCodePoints(bodyOf(id), s, e)).join(' ')).toBe(t.text);
        count++;
      }
    }
    expect(count).toBe(14);
  });

  it('declares overlaps in annotation.conf, and the data has nested and crossing spans', () => {
    expect(files[`${dir}/annotation.conf`]).toContain('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>');
    const tb = textBounds(files[`${dir}/article-${more.id}.ann`]);
    const range = (t: TextBound) => [t.spans[0][0], t.spans[t.spans.length - 1][1]];
    const pairs = tb.flatMap((a) => tb.filter((b) => a !== b).map((b) => [range(a), range(b)]));
    expect(pairs.some(([[s1, e1], [s2, e2]]) => s1 < s2 && s2 < e1 && e1 < e2)).toBe(true); // crossing
    expect(pairs.some(([[s1, e1], [s2, e2]]) => s1 < s2 && e2 < e1)).toBe(true); // nested
  });

  it('gives speaker and quote kind as attributes declared with their values, not in notes', () => {
    const declared = declaredAttributes(files[`${dir}/annotation.conf`]);
    let speakers = 0;
    for (const id of articleIds()) {
      const ann = files[`${dir}/article-${id}.ann`];
      const types = new Map(textBounds(ann).map((t) => [t.id, t.type]));
      for (const line of ann.split('\n').filter((l) => l.startsWith('A'))) {
        const [, rest] = line.split('\t');
        const [name, target, ...value] = rest.split(' ');
        const spec = declared.get(name)!;
        expect(spec.types.some((t) => t === '<ENTITY>' || t === types.get(target))).toBe(true);
        expect(spec.values).toContain(value.join(' '));
        if (name === 'Speaker') speakers++;
      }
      expect(ann).not.toMatch(/speaker:/);
    }
    expect(speakers).toBe(2);
    expect(files[`${dir}/article-${f.articles.emoji.id}.ann`]).toMatch(new RegExp(`^A\\d+\tSpeaker T${f.annotations.quote1.id} Zelenskyy$`, 'm'));
    expect(files[`${dir}/article-${more.id}.ann`]).toMatch(new RegExp(`^A\\d+\tQuoteKind T${more.quote.id} verbatim$`, 'm'));
    expect(declared.get('Speaker')!.values).toEqual(['Volodymyr_Zelenskyy', 'Zelenskyy']);
  });

  it('turns a speaker into one brat value token', () => {
    expect(bratSpeakerValue(' Volodymyr  Zelenskyy ')).toBe('Volodymyr_Zelenskyy');
    expect(bratSpeakerValue('A|B, C:D=E')).toBe('A_B_C_D_E');
    expect(bratSpeakerValue('泽连斯基')).toBe('泽连斯基');
  });

  it('keeps notes as AnnotatorNotes and every link in links.tsv', () => {
    expect(files[`${dir}/article-${f.articles.accents.id}.ann`]).toContain(`AnnotatorNotes T${f.annotations.ctx2.id}\t+1 tab note, "quoted"`);
    expect(files[`${dir}/links.tsv`].trim().split('\n')).toHaveLength(5);
  });
});
