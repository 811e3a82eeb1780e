/**
 * Disagreement between reviewers about a pair of statements: one linked them as corroborates,
 * another as conflicts. Pure, so the board, the side panel and the export agree on it.
 */
import type { Relation } from '../db/tables';

interface PairLink {
  fromAnnotationId: number;
  toAnnotationId: number;
  relation: Relation;
}

/** The key of an (ordered, stored) pair of annotations. */
export function pairKey(link: Pick<PairLink, 'fromAnnotationId' | 'toAnnotationId'>): string {
  return `${link.fromAnnotationId}-${link.toAnnotationId}`;
}

/** Keys of the pairs that live links state both as corroborates and as conflicts. */
export function findDisagreements(live: PairLink[]): Set<string> {
  const relations = new Map<string, Set<Relation>>();
  for (const link of live) {
    const key = pairKey(link);
    const set = relations.get(key) ?? new Set<Relation>();
    set.add(link.relation);
    relations.set(key, set);
  }
  return new Set([...relations].filter(([, set]) => set.size > 1).map(([key]) => key));
}
