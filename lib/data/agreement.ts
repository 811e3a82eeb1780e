/**
 * Agreement between the reviewers of a project, per article annotated by two or more of them
 * and pooled over the project, per pair of reviewers (measures in lib/metrics/agreement.ts),
 * and the list of disagreements of one pair, each span openable in the reader.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb, type Db } from '../db/client';
import { annotations, articles, links, users, type Label } from '../db/schema';
import { f1, kappa, linkMatchCount, poolScores, spanScores, type LinkInput, type SpanScores } from '../metrics/agreement';
import { listDisagreements, type Disagreement } from '../metrics/disagreements';
import { projectAccess, type Actor } from './actor';

export interface Reviewer {
  id: number;
  name: string;
}

export interface PairFigures {
  a: number;
  b: number;
  exactF1: number | null;
  overlapF1: number | null;
  kappa: number | null;
  /** Project level only: links agree when both ends' spans and the relation are the same. */
  linkF1: number | null;
  /** Articles both reviewers annotated (1 on an article row). */
  articles: number;
  spansA: number;
  spansB: number;
}

export interface ArticleAgreement {
  id: number;
  title: string;
  outlet: string | null;
  reviewers: number[];
  pairs: PairFigures[];
}

type SpanRow = { id: number; articleId: number; authorId: number; label: Label; start: number; end: number; exact: string };

interface Loaded {
  reviewers: Reviewer[];
  spans: SpanRow[];
  texts: Map<number, { id: number; title: string; outlet: string | null; length: number }>;
}

function load(db: Db, projectId: number): Loaded {
  const spans = db
    .select({ id: annotations.id, articleId: annotations.articleId, authorId: annotations.authorId, label: annotations.label, start: annotations.start, end: annotations.end, exact: annotations.exact })
    .from(annotations)
    .where(and(eq(annotations.projectId, projectId), isNull(annotations.deletedAt)))
    .orderBy(asc(annotations.articleId), asc(annotations.start), asc(annotations.id))
    .all();
  const authorIds = [...new Set(spans.map((s) => s.authorId))];
  const reviewers = authorIds.length
    ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds)).orderBy(asc(users.name), asc(users.id)).all()
    : [];
  const articleIds = [...new Set(spans.map((s) => s.articleId))];
  const texts = articleIds.length
    ? db.select({ id: articles.id, title: articles.title, outlet: articles.outlet, length: sql<number>`length(${articles.body})` }).from(articles).where(inArray(articles.id, articleIds)).orderBy(asc(articles.id)).all()
    : [];
  return { reviewers, spans, texts: new Map(texts.map((t) => [t.id, t])) };
}

function linksByAuthor(db: Db, projectId: number): Map<number, LinkInput[]> {
  const from = alias(annotations, 'from_end');
  const to = alias(annotations, 'to_end');
  const rows = db
    .select({ authorId: links.authorId, relation: links.relation, fa: from.articleId, fs: from.start, fe: from.end, ta: to.articleId, ts: to.start, te: to.end })
    .from(links)
    .innerJoin(from, eq(from.id, links.fromAnnotationId))
    .innerJoin(to, eq(to.id, links.toAnnotationId))
    .where(and(eq(links.projectId, projectId), isNull(links.deletedAt)))
    .all();
  const out = new Map<number, LinkInput[]>();
  for (const r of rows) {
    const list = out.get(r.authorId) ?? [];
    list.push({ ends: [`${r.fa}:${r.fs}:${r.fe}`, `${r.ta}:${r.ts}:${r.te}`], relation: r.relation });
    out.set(r.authorId, list);
  }
  return out;
}

function figures(a: number, b: number, scores: SpanScores | null, articlesShared: number, linkF1: number | null): PairFigures {
  return {
    a,
    b,
    exactF1: scores ? f1(scores.exact) : null,
    overlapF1: scores ? f1(scores.overlap) : null,
    kappa: scores ? kappa(scores.confusion) : null,
    linkF1,
    articles: articlesShared,
    spansA: scores?.exact.a ?? 0,
    spansB: scores?.exact.b ?? 0,
  };
}

function pairsOf(ids: number[]): Array<[number, number]> {
  return ids.flatMap((a, i) => ids.slice(i + 1).map((b): [number, number] => [a, b]));
}

/**
 * Agreement figures of a project for every pair of reviewers who annotated something: per
 * article both annotated, and pooled over those articles (links over the whole project).
 */
export function projectAgreement({ actor, projectId }: { actor: Actor; projectId: number }) {
  const db = getDb();
  const { project } = projectAccess(db, actor, projectId, 'project.read');
  const { reviewers, spans, texts } = load(db, projectId);
  const order = reviewers.map((r) => r.id);
  const perPair = new Map<string, SpanScores[]>();
  const articleRows: ArticleAgreement[] = [];
  for (const text of texts.values()) {
    const here = spans.filter((s) => s.articleId === text.id);
    const who = order.filter((id) => here.some((s) => s.authorId === id));
    if (who.length < 2) continue;
    const pairs = pairsOf(who).map(([a, b]) => {
      const scores = spanScores(here.filter((s) => s.authorId === a), here.filter((s) => s.authorId === b), text.length);
      perPair.set(`${a}-${b}`, [...(perPair.get(`${a}-${b}`) ?? []), scores]);
      return figures(a, b, scores, 1, null);
    });
    articleRows.push({ id: text.id, title: text.title, outlet: text.outlet, reviewers: who, pairs });
  }
  const linkSets = linksByAuthor(db, projectId);
  const pairs = pairsOf(order).map(([a, b]) => {
    const parts = perPair.get(`${a}-${b}`) ?? [];
    const links = f1(linkMatchCount(linkSets.get(a) ?? [], linkSets.get(b) ?? []));
    return figures(a, b, parts.length ? poolScores(parts) : null, parts.length, links);
  });
  return { project: { id: project.id, name: project.name }, reviewers, pairs, articles: articleRows };
}

export type DisagreementSpan = Pick<SpanRow, 'id' | 'label' | 'start' | 'end' | 'exact'>;

/** Where reviewers `a` and `b` disagree, article by article (articles both annotated). */
export function pairDisagreements({ actor, projectId, a, b }: { actor: Actor; projectId: number; a: number; b: number }) {
  const db = getDb();
  projectAccess(db, actor, projectId, 'project.read');
  const { spans, texts } = load(db, projectId);
  const out: Array<{ articleId: number; title: string; outlet: string | null; items: Disagreement<DisagreementSpan>[] }> = [];
  for (const text of texts.values()) {
    const pick = (who: number) => spans.filter((s) => s.articleId === text.id && s.authorId === who);
    const [sa, sb] = [pick(a), pick(b)];
    if (!sa.length || !sb.length) continue;
    const items = listDisagreements(sa, sb);
    if (items.length) out.push({ articleId: text.id, title: text.title, outlet: text.outlet, items });
  }
  return out;
}
