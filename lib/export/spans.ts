/**
 * Flat span JSONL: one line per article with its `text` and `spans` of `{start, end, label,
 * ...}` in Unicode code points, which is what Python slices, what Hugging Face `datasets`
 * loads as a table (every line has the same keys and types) and what spaCy's
 * `doc.char_span(start, end, label)` takes. Links whose lower-id end is in the article are
 * listed on its line (`to_article_id` says where the other end is).
 */
import { codePointMapper } from '../anchoring/units';
import { finalVerdict, type ExportAnnotation, type ExportArticle, type ExportContext, type ExportLink } from './types';
import { nothing, runSink, type Sink } from './sink';

const stringOrNull = (value: unknown) => (typeof value === 'string' && value ? value : null);

function spanOf(a: ExportAnnotation, toCp: (n: number) => number) {
  return {
    id: a.id,
    start: toCp(a.start),
    end: toCp(a.end),
    label: a.label,
    text: a.exact,
    status: a.status,
    speaker: a.label === 'quote' ? stringOrNull(a.attributes.speaker) : null,
    quote_kind: a.label === 'quote' ? stringOrNull(a.attributes.quoteKind) : null,
    verdict: a.label === 'claim' ? (finalVerdict(a)?.verdict ?? null) : null,
    note: a.note,
  };
}

function linkOf(l: ExportLink) {
  return { id: l.id, relation: l.relation, status: l.status, from_id: l.fromAnnotationId, to_id: l.toAnnotationId, from_article_id: l.from.articleId, to_article_id: l.to.articleId };
}

/** The spans line of one article. */
export function spansLine(article: ExportArticle): string {
  const toCp = codePointMapper(article.body);
  const line = {
    id: article.id,
    title: article.title,
    outlet: article.outlet,
    url: article.url,
    text: article.body,
    spans: article.annotations.map((a) => spanOf(a, toCp)),
    links: article.links.map(linkOf),
  };
  return JSON.stringify(line) + '\n';
}

/** Streams the span JSONL, one article a line (no manifest line: every line is a row). */
/** One line per article. */
export const spansSink = (): Sink<ExportArticle> => ({ start: nothing, write: (article) => [spansLine(article)], end: nothing });

export function serializeSpans(_ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<string> {
  return runSink(spansSink, articles) as Generator<string>;
}
