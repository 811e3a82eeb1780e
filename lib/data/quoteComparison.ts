/**
 * Quote comparison: a statement and every statement linked to it in other outlets, each
 * diffed word by word against it, so a reader sees at once how outlets changed the words.
 * Read-only; members only; 404 for a missing or deleted annotation.
 */
import { eq } from 'drizzle-orm';
import { getDb } from '../db/client';
import { annotations, articles, type Label, type Relation } from '../db/tables';
import { notFound } from '../errors';
import { projectAccess, type Actor } from './actor';
import { linkViewsForAnnotations } from './linkViews';
import { wordDiff, type DiffPart } from '../text/wordDiff';
import { first } from '../db/query';

export interface ComparedStatement {
  annotationId: number;
  articleId: number;
  outlet: string | null;
  title: string;
  label: Label;
  exact: string;
  speaker: string | null;
}

export interface Comparison {
  other: ComparedStatement;
  relations: Array<{ linkId: number; relation: Relation; authorName: string; note: string }>;
  /** The base quote with the words this outlet dropped or changed marked. */
  base: DiffPart[];
  /** This outlet's wording with the words it added or changed marked. */
  wording: DiffPart[];
  similarity: number;
}

export interface QuoteComparison {
  projectId: number;
  quote: ComparedStatement;
  comparisons: Comparison[];
}

function speakerOf(attributes: Record<string, unknown>): string | null {
  return typeof attributes.speaker === 'string' && attributes.speaker.trim() ? attributes.speaker.trim() : null;
}

async function statement(id: number): Promise<ComparedStatement | null> {
  const row = await first(getDb()
    .select({ a: annotations, outlet: articles.outlet, title: articles.title })
    .from(annotations)
    .innerJoin(articles, eq(articles.id, annotations.articleId))
    .where(eq(annotations.id, id)));
  if (!row || row.a.deletedAt) return null;
  const { a } = row;
  return { annotationId: a.id, articleId: a.articleId, outlet: row.outlet, title: row.title, label: a.label, exact: a.exact, speaker: speakerOf(a.attributes) };
}

/**
 * The statement `annotationId` and its linked statements, most similar wording first. Several
 * links to the same statement (two reviewers) are one comparison listing every relation.
 */
export async function quoteComparison({ actor, annotationId }: { actor: Actor; annotationId: number }): Promise<QuoteComparison> {
  const db = getDb();
  const row = await first(db.select({ projectId: annotations.projectId }).from(annotations).where(eq(annotations.id, annotationId)));
  const quote = row ? await statement(annotationId) : null;
  if (!row || !quote) throw notFound('Annotation');
  await projectAccess(db, actor, row.projectId, 'project.read', 'Annotation');
  const byOther = new Map<number, Comparison>();
  for (const link of await linkViewsForAnnotations(db, [annotationId])) {
    const end = link.from.annotationId === annotationId ? link.to : link.from;
    let entry = byOther.get(end.annotationId);
    if (!entry) {
      const other = await statement(end.annotationId);
      if (!other) continue;
      const diff = wordDiff(quote.exact, other.exact);
      entry = { other, relations: [], base: diff.left, wording: diff.right, similarity: diff.similarity };
      byOther.set(end.annotationId, entry);
    }
    entry.relations.push({ linkId: link.id, relation: link.relation, authorName: link.authorName, note: link.note });
  }
  const comparisons = [...byOther.values()].sort((x, y) => y.similarity - x.similarity);
  return { projectId: row.projectId, quote, comparisons };
}
