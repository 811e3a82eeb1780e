/**
 * brat standoff export: a zip with, per article, article-<id>.txt (the body) and
 * article-<id>.ann (T lines in Unicode code points, A lines for status, verdict, quote kind and
 * speaker, AnnotatorNotes for notes, R lines for links inside the article), plus
 * annotation.conf, visual.conf and links.tsv listing every link (brat cannot express links
 * between documents). Spans crossing a line break become brat fragments ("s e;s e").
 * annotation.conf declares that spans of any type may overlap (brat's `<OVERLAP>`), since
 * reviewers tag nested and crossing spans, and lists every speaker as a Speaker value; it is
 * written last, once every speaker is known.
 */
import { codePointMapper } from '../anchoring/units';
import { zipWriter } from './zip';
import { LABEL_NAME, RELATION_NAME } from './labelNames';
import { finalVerdict, type ExportAnnotation, type ExportArticle, type ExportContext } from './types';
import { STATUSES, VERDICTS } from '../domain';
import { runSink, type Sink } from './sink';


/** A speaker's name as a brat attribute value: no spaces or characters brat's config syntax uses. */
export function bratSpeakerValue(name: string): string {
  return name.trim().replace(/[\s|,:=<>]+/g, '_');
}

/** annotation.conf for the given speaker values (see bratSpeakerValue). */
export function bratAnnotationConf(speakers: Iterable<string>): string {
  const values = [...new Set(speakers)].sort();
  return [
    '[entities]',
    'Claim',
    'Quote',
    'Context',
    '',
    '[relations]',
    'Corroborates\tArg1:<ENTITY>, Arg2:<ENTITY>',
    'Conflicts\tArg1:<ENTITY>, Arg2:<ENTITY>',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    `Status\tArg:<ENTITY>, Value:${STATUSES.join('|')}`,
    `Verdict\tArg:Claim, Value:${VERDICTS.join('|')}`,
    'QuoteKind\tArg:Quote, Value:verbatim|paraphrase',
    ...(values.length ? [`Speaker\tArg:Quote, Value:${values.join('|')}`] : []),
    '',
  ].join('\n');
}

const VISUAL_CONF = ['[labels]', 'Claim | Claim', 'Quote | Quote', 'Context | Context', '', '[drawing]', 'Claim\tbgColor:#E69F00', 'Quote\tbgColor:#56B4E9', 'Context\tbgColor:#009E73', ''].join('\n');

const LINKS_HEADER = 'link_id\trelation\tstatus\tfrom_file\tfrom_id\tto_file\tto_id\tfrom_text\tto_text\tnote\n';

export const bratFileName = (articleId: number) => `article-${articleId}`;
const oneLine = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

/** brat fragments for [start, end) (code points), split at line breaks inside the span. */
export function bratFragments(exact: string, startCp: number): { offsets: string; text: string } {
  const parts: string[] = [];
  const texts: string[] = [];
  let pos = startCp;
  for (const piece of exact.split('\n')) {
    const len = Array.from(piece).length;
    if (len > 0) {
      parts.push(`${pos} ${pos + len}`);
      texts.push(piece);
    }
    pos += len + 1;
  }
  return { offsets: parts.join(';'), text: texts.join(' ') };
}

function attributeLines(a: ExportAnnotation, next: () => number): string[] {
  const lines = [`A${next()}\tStatus T${a.id} ${a.status}`];
  const verdict = finalVerdict(a)?.verdict;
  if (a.label === 'claim' && verdict) lines.push(`A${next()}\tVerdict T${a.id} ${verdict}`);
  const kind = a.attributes.quoteKind;
  if (a.label === 'quote' && (kind === 'verbatim' || kind === 'paraphrase')) lines.push(`A${next()}\tQuoteKind T${a.id} ${kind}`);
  const speaker = quoteSpeaker(a);
  if (speaker) lines.push(`A${next()}\tSpeaker T${a.id} ${speaker}`);
  return lines;
}

/** The Speaker attribute value of a quote, or null. */
function quoteSpeaker(a: ExportAnnotation): string | null {
  const name = a.attributes.speaker;
  if (a.label !== 'quote' || typeof name !== 'string') return null;
  return bratSpeakerValue(name) || null;
}

/** The .ann file of one article. */
export function bratAnn(article: ExportArticle): string {
  const toCp = codePointMapper(article.body);
  const lines: string[] = [];
  let attr = 0;
  let note = 0;
  const nextAttr = () => ++attr;
  const ids = new Set(article.annotations.map((a) => a.id));
  for (const a of article.annotations) {
    const { offsets, text } = bratFragments(a.exact, toCp(a.start));
    lines.push(`T${a.id}\t${LABEL_NAME[a.label]} ${offsets}\t${text}`);
    lines.push(...attributeLines(a, nextAttr));
    if (a.note.trim()) lines.push(`#${++note}\tAnnotatorNotes T${a.id}\t${oneLine(a.note)}`);
  }
  for (const l of article.links) {
    if (ids.has(l.fromAnnotationId) && ids.has(l.toAnnotationId)) {
      lines.push(`R${l.id}\t${RELATION_NAME[l.relation]} Arg1:T${l.fromAnnotationId} Arg2:T${l.toAnnotationId}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function linkRows(article: ExportArticle): string {
  return article.links
    .map((l) =>
      [l.id, l.relation, l.status, `${bratFileName(l.from.articleId)}.ann`, `T${l.from.annotationId}`, `${bratFileName(l.to.articleId)}.ann`, `T${l.to.annotationId}`, oneLine(l.from.exact), oneLine(l.to.exact), oneLine(l.note)].join('\t') + '\n',
    )
    .join('');
}

/** The brat zip as byte chunks, handed out as the files are deflated. */
export function bratSink(ctx: ExportContext): Sink<ExportArticle> {
  const zip = zipWriter();
  const dir = `${ctx.project.slug}-brat`;
  let links = LINKS_HEADER;
  const speakers = new Set<string>();
  return {
    start() {
      zip.add(`${dir}/visual.conf`, VISUAL_CONF);
      zip.add(`${dir}/README.txt`, `brat standoff export of "${ctx.project.name}" generated ${ctx.generatedAt}.\nOffsets in .ann files count Unicode code points of the .txt files (UTF-8, NFC, LF line breaks).\nlinks.tsv lists every link, including links between articles that brat cannot draw.\n`);
      return [];
    },
    write(article) {
      zip.add(`${dir}/${bratFileName(article.id)}.txt`, article.body);
      zip.add(`${dir}/${bratFileName(article.id)}.ann`, bratAnn(article));
      for (const a of article.annotations) {
        const speaker = quoteSpeaker(a);
        if (speaker) speakers.add(speaker);
      }
      links += linkRows(article);
      return zip.drain();
    },
    end() {
      zip.add(`${dir}/links.tsv`, links);
      zip.add(`${dir}/annotation.conf`, bratAnnotationConf(speakers));
      zip.finish();
      return zip.drain();
    },
  };
}

/** Streams the brat zip as byte chunks. */
export function serializeBrat(ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<Uint8Array> {
  return runSink(() => bratSink(ctx), articles) as Generator<Uint8Array>;
}
