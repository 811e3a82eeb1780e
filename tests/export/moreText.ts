/**
 * Adds to the export fixture an article with what the fixture lacks for the annotation-tool
 * formats: CJK, combining marks NFC cannot precompose, an astral CJK ideograph, CRLF, a span
 * that starts with an apostrophe (the spreadsheet guard's own character), nested and crossing
 * spans (brat overlaps) and a quote with speaker and quote kind. Through lib/data, as the API.
 */
import { importArticle, getArticle } from '@/lib/data/articles';
import { createAnnotation } from '@/lib/data/annotations';
import type { Fixture } from './fixtures';

export const MORE_TEXT = "他说：“我们不会放弃领土。” 𠀋 q\u0307uote x\u0323\u0301.\r\n'Tis said: -5 points, =SUM(A1) and @desk 👍🏽 agree.\r\nLast line.";

export async function addMoreText(f: Fixture) {
  const { id } = await importArticle({ actor: f.lead.actor, projectId: f.project.id, input: { title: '领土 — Zelenskyy', outlet: 'Xinhua', url: 'https://example.org/cjk', body: MORE_TEXT } });
  const body = (await getArticle({ actor: f.lead.actor, articleId: id })).article.body;
  const tag = (label: 'claim' | 'quote' | 'context', from: string, to = from, attributes: Record<string, unknown> = {}) => {
    const start = body.indexOf(from);
    const end = body.indexOf(to, start) + to.length;
    return createAnnotation({ actor: f.reviewer.actor, articleId: id, input: { label, start, end, exact: body.slice(start, end), attributes } });
  };
  const claim = await tag('claim', '我们不会放弃领土。');
  const quote = await tag('quote', '“我们', '”', { speaker: 'Volodymyr Zelenskyy', quoteKind: 'verbatim' });
  const crossing = await tag('context', '𠀋', "'Tis said");
  const apostrophe = await tag('claim', "'Tis said: -5 points");
  const formula = await tag('context', '=SUM(A1) and @desk 👍🏽');
  return { id, body, claim, quote, crossing, apostrophe, formula };
}
