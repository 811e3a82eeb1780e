/**
 * Merging annotation and sentence hits. Pure. A sentence that substantially coincides with a
 * live annotation of its article (they overlap by at least half of the longer of the two) is
 * the same statement: it is shown once, as that annotation, so a reviewer links to the
 * existing annotation instead of creating a duplicate.
 */
import type { Label } from '../domain';

export interface StatementHit {
  kind: 'annotation' | 'sentence';
  annotationId?: number;
  label?: Label;
  articleId: number;
  outlet: string | null;
  title: string;
  start: number;
  end: number;
  exact: string;
  score: number;
}

export interface SpanAnnotation {
  id: number;
  articleId: number;
  start: number;
  end: number;
  exact: string;
  label: Label;
}

/** Whether two spans overlap by at least half of the longer one. */
export function sameStatement(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap > 0 && overlap * 2 >= Math.max(a.end - a.start, b.end - b.start);
}

/** The annotation that a sentence hit stands for, if any (the largest overlap wins). */
function annotationFor(hit: StatementHit, annotations: SpanAnnotation[]): SpanAnnotation | undefined {
  let best: SpanAnnotation | undefined;
  let bestOverlap = 0;
  for (const a of annotations) {
    if (a.articleId !== hit.articleId || !sameStatement(a, hit)) continue;
    const overlap = Math.min(a.end, hit.end) - Math.max(a.start, hit.start);
    if (overlap > bestOverlap) [best, bestOverlap] = [a, overlap];
  }
  return best;
}

/**
 * Folds sentence hits into the annotations they coincide with and drops duplicates, keeping
 * each statement's best score; the result is sorted best first (ties: article, position).
 */
export function mergeHits(hits: StatementHit[], annotations: SpanAnnotation[]): StatementHit[] {
  const byKey = new Map<string, StatementHit>();
  for (const hit of hits) {
    let merged = hit;
    if (hit.kind === 'sentence') {
      const a = annotationFor(hit, annotations);
      if (a) merged = { ...hit, kind: 'annotation', annotationId: a.id, label: a.label, start: a.start, end: a.end, exact: a.exact };
    }
    const key = merged.kind === 'annotation' ? `a${merged.annotationId}` : `s${merged.articleId}:${merged.start}`;
    const previous = byKey.get(key);
    if (!previous || previous.score < merged.score) byKey.set(key, merged);
  }
  return [...byKey.values()].sort(
    (x, y) => y.score - x.score || x.articleId - y.articleId || x.start - y.start,
  );
}

/**
 * Reorders ranked hits so that each article's best statement comes first when it is a strong
 * match (score at least `ratio` of the top score), then everything else by score. A reviewer
 * linking a statement wants to see how every outlet put it before the second-best sentence
 * of an outlet that happens to repeat the words; weak matches are not promoted.
 */
export function leadersFirst(hits: StatementHit[], ratio = 0.5): StatementHit[] {
  if (hits.length === 0) return hits;
  const bar = hits[0].score * ratio;
  const seen = new Set<number>();
  const leaders: StatementHit[] = [];
  const rest: StatementHit[] = [];
  for (const hit of hits) {
    if (!seen.has(hit.articleId) && hit.score >= bar) {
      seen.add(hit.articleId);
      leaders.push(hit);
    } else rest.push(hit);
  }
  return [...leaders, ...rest];
}
