/**
 * The review queue: a project's live annotations and links that the actor did not author and
 * has not reviewed yet, article by article, each span shown in its surrounding text.
 */
import { and, asc, eq, inArray, isNull, ne, notExists, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb, type Db } from '../db/client';
import { annotations, articles, links, reviews, users, type Label, type Relation, type Status } from '../db/schema';
import { forbidden } from '../errors';
import { projectAccess, type Actor } from './actor';

/** Characters of surrounding text shown on each side of a span. */
export const CONTEXT_CHARS = 120;

export interface QueueSpan {
  annotationId: number;
  articleId: number;
  articleTitle: string;
  outlet: string | null;
  label: Label;
  start: number;
  end: number;
  before: string;
  exact: string;
  after: string;
}

interface QueueBase {
  id: number;
  version: number;
  status: Status;
  authorName: string;
  note: string;
  createdAt: Date;
  span: QueueSpan;
}
export type QueueItem = (QueueBase & { kind: 'annotation' }) | (QueueBase & { kind: 'link'; relation: Relation; other: QueueSpan });

export interface QueueGroup {
  articleId: number;
  title: string;
  outlet: string | null;
  items: QueueItem[];
}

type SpanRow = { id: number; articleId: number; label: Label; start: number; end: number };

/** Cuts the text around [start, end) at word boundaries, with an ellipsis where it was cut. */
export function spanInContext(body: string, start: number, end: number, chars = CONTEXT_CHARS) {
  let from = Math.max(0, start - chars);
  let to = Math.min(body.length, end + chars);
  if (from > 0) from = Math.min(start, body.indexOf(' ', from) + 1 || start);
  if (to < body.length) to = Math.max(end, body.lastIndexOf(' ', to));
  return {
    before: (from > 0 ? '…' : '') + body.slice(from, start),
    exact: body.slice(start, end),
    after: body.slice(end, to) + (to < body.length ? '…' : ''),
  };
}

function notReviewedBy(db: Db, userId: number, column: typeof reviews.annotationId | typeof reviews.linkId, id: typeof annotations.id | typeof links.id) {
  return notExists(
    db
      .select({ one: reviews.id })
      .from(reviews)
      .where(and(eq(column, id), eq(reviews.reviewerId, userId), isNull(reviews.supersededAt))),
  );
}

/** Live annotations of a project not written by `userId`, narrowed by `extra`. */
function annotationRows(db: Db, projectId: number, userId: number, extra: SQL) {
  return db
    .select({
      id: annotations.id,
      articleId: annotations.articleId,
      label: annotations.label,
      start: annotations.start,
      end: annotations.end,
      version: annotations.version,
      status: annotations.status,
      note: annotations.note,
      createdAt: annotations.createdAt,
      authorName: users.name,
    })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(
      and(
        eq(annotations.projectId, projectId),
        isNull(annotations.deletedAt),
        ne(annotations.authorId, userId),
        extra,
      ),
    )
    .orderBy(asc(annotations.articleId), asc(annotations.start), asc(annotations.id))
    .all();
}

/** Live links of a project not written by `userId`, narrowed by `extra`. */
function linkRows(db: Db, projectId: number, userId: number, extra: SQL) {
  const from = alias(annotations, 'from_annotation');
  const to = alias(annotations, 'to_annotation');
  const span = (a: typeof from | typeof to) => ({ id: a.id, articleId: a.articleId, label: a.label, start: a.start, end: a.end });
  return db
    .select({
      id: links.id,
      relation: links.relation,
      version: links.version,
      status: links.status,
      note: links.note,
      createdAt: links.createdAt,
      authorName: users.name,
      from: span(from),
      to: span(to),
    })
    .from(links)
    .innerJoin(users, eq(users.id, links.authorId))
    .innerJoin(from, eq(from.id, links.fromAnnotationId))
    .innerJoin(to, eq(to.id, links.toAnnotationId))
    .where(
      and(
        eq(links.projectId, projectId),
        isNull(links.deletedAt),
        ne(links.authorId, userId),
        extra,
      ),
    )
    .orderBy(asc(links.id))
    .all();
}

type AnnotationRows = ReturnType<typeof annotationRows>;
type LinkRows = ReturnType<typeof linkRows>;

/** Turns rows into queue items with their spans in context, grouped by article. */
function groupItems(db: Db, annotationList: AnnotationRows, linkList: LinkRows): QueueGroup[] {
  const articleIds = [...new Set([...annotationList.map((a) => a.articleId), ...linkList.flatMap((l) => [l.from.articleId, l.to.articleId])])];
  const texts = new Map(
    (articleIds.length
      ? db.select({ id: articles.id, title: articles.title, outlet: articles.outlet, body: articles.body }).from(articles).where(inArray(articles.id, articleIds)).all()
      : []
    ).map((a) => [a.id, a]),
  );
  const toSpan = (row: SpanRow): QueueSpan => {
    const article = texts.get(row.articleId)!;
    return { annotationId: row.id, articleId: row.articleId, articleTitle: article.title, outlet: article.outlet, label: row.label, start: row.start, end: row.end, ...spanInContext(article.body, row.start, row.end) };
  };
  const items: QueueItem[] = [
    ...annotationList.map((a): QueueItem => ({ kind: 'annotation', id: a.id, version: a.version, status: a.status, authorName: a.authorName, note: a.note, createdAt: a.createdAt, span: toSpan(a) })),
    ...linkList.map((l): QueueItem => ({ kind: 'link', id: l.id, version: l.version, status: l.status, authorName: l.authorName, note: l.note, createdAt: l.createdAt, relation: l.relation, span: toSpan(l.from), other: toSpan(l.to) })),
  ];
  const groups = new Map<number, QueueGroup>();
  for (const item of items) {
    const article = texts.get(item.span.articleId)!;
    const group = groups.get(article.id) ?? { articleId: article.id, title: article.title, outlet: article.outlet, items: [] };
    group.items.push(item);
    groups.set(article.id, group);
  }
  return [...groups.values()].sort((a, b) => a.articleId - b.articleId);
}

/**
 * What the actor still has to review in a project, grouped by article (a link sits under the
 * article of its first end), with the number of items left. Viewers cannot review: 403.
 */
export function reviewQueue({ actor, projectId }: { actor: Actor; projectId: number }): { groups: QueueGroup[]; left: number } {
  const db = getDb();
  const { user } = projectAccess(db, actor, projectId, 'review.create');
  if (!user) throw forbidden('The review queue belongs to a person: the command-line operator has none.');
  const groups = groupItems(
    db,
    annotationRows(db, projectId, user.id, notReviewedBy(db, user.id, reviews.annotationId, annotations.id)),
    linkRows(db, projectId, user.id, notReviewedBy(db, user.id, reviews.linkId, links.id)),
  );
  return { groups, left: groups.reduce((n, g) => n + g.items.length, 0) };
}

/** Disputed items a lead may settle (not their own), grouped like the queue. Leads only. */
export function disputedItems({ actor, projectId }: { actor: Actor; projectId: number }): QueueGroup[] {
  const db = getDb();
  const { user } = projectAccess(db, actor, projectId, 'review.settle');
  if (!user) throw forbidden('Settling is done by a person: the command-line operator cannot settle.');
  return groupItems(db, annotationRows(db, projectId, user.id, eq(annotations.status, 'disputed')), linkRows(db, projectId, user.id, eq(links.status, 'disputed')));
}
