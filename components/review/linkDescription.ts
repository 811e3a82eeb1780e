/**
 * Says which two statements a link joins, the same way everywhere (queue, side list, a link's
 * history header): "UNN: «…will not recognise…» ✕ conflicts Zamin.uz: «…»". Pure, so server
 * and client components alike can use it.
 */
import type { Relation } from '@/lib/domain';

export interface LinkEnd {
  outlet: string | null;
  articleTitle: string;
  exact: string;
}

/** Characters of each statement kept in a description. */
export const STATEMENT_CHARS = 48;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts text to about `max` characters at a word boundary, never inside an emoji or a flag. */
export function shortText(text: string, max = STATEMENT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const chars = Array.from(graphemes.segment(flat), (s) => s.segment);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/u, '')}…`;
}

/** The outlet, or a short form of the title when the article has none. */
export function sourceName(end: Pick<LinkEnd, 'outlet' | 'articleTitle'>): string {
  const outlet = end.outlet?.trim();
  if (outlet) return outlet;
  return shortText(end.articleTitle || 'Untitled article', 24);
}

export const RELATION_MARK: Record<Relation, string> = { conflicts: '✕ conflicts', corroborates: '✓ corroborates' };

export function describeEnd(end: LinkEnd, max = STATEMENT_CHARS): string {
  return `${sourceName(end)}: «${shortText(end.exact, max)}»`;
}

/** One line naming both statements and the relation between them. */
export function linkDescription(link: { relation: Relation; from: LinkEnd; to: LinkEnd }, max = STATEMENT_CHARS): string {
  return `${describeEnd(link.from, max)} ${RELATION_MARK[link.relation]} ${describeEnd(link.to, max)}`;
}
