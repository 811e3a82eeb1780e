/**
 * doccano sequence-labeling JSONL: one line per article, `{"text", "label": [[start, end,
 * "Claim"], ...]}` plus the article's metadata (doccano keeps unknown keys as metadata).
 * Offsets count UTF-16 code units, as doccano does (its editor slices JavaScript strings
 * unless the project counts grapheme clusters; doccano/doccano#2290), so spans after an emoji
 * land where doccano shows them. Python users convert (see docs/export.md).
 */
import type { ExportArticle, ExportContext } from './types';
import { LABEL_NAME } from './labelNames';
import { nothing, runSink, type Sink } from './sink';

/** The doccano line of one article. */
export function doccanoLine(article: ExportArticle): string {
  const line = {
    text: article.body,
    label: article.annotations.map((a) => [a.start, a.end, LABEL_NAME[a.label]]),
    article_id: article.id,
    title: article.title,
    outlet: article.outlet,
    url: article.url,
  };
  return JSON.stringify(line) + '\n';
}

/** Streams the doccano JSONL, one article a line. */
/** One line per article. */
export const doccanoSink = (): Sink<ExportArticle> => ({ start: nothing, write: (article) => [doccanoLine(article)], end: nothing });

export function serializeDoccano(_ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<string> {
  return runSink(doccanoSink, articles) as Generator<string>;
}
