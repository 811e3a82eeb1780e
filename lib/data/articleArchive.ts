/**
 * Archiving an article a lead imported by mistake: it leaves the lists, board, queue and
 * exports (every list query filters on NOT_ARCHIVED), its annotations, links and history are
 * kept, and a lead can restore it. Both are recorded in the audit log.
 */
import { and, desc, eq, inArray, isNotNull, isNull, or, sql, type SQLWrapper } from 'drizzle-orm';
import { getDb, writeTransaction, type Db, type Tx } from '../db/client';
import { annotations, articles, links } from '../db/tables';
import { conflict, notFound } from '../errors';
import { actorId, projectAccess, type Actor } from './actor';
import { recordEvent } from './events';
import { all, exec, first } from '../db/query';

/** The condition every list of articles adds: `and(..., NOT_ARCHIVED)`. */
export const NOT_ARCHIVED = isNull(articles.archivedAt);

/**
 * For queries that do not join `articles` (cached tables keyed by article, annotations): the
 * rows whose article is not archived, one primary-key probe per row.
 */
export function inLiveArticle(articleId: SQLWrapper) {
  return sql`not exists (select 1 from articles r where r.id = ${articleId} and r.archived_at is not null)`;
}

/** Annotations outside archived articles (for queries over `annotations`). */
export const ANNOTATION_NOT_ARCHIVED = inLiveArticle(annotations.articleId);

/** Links with neither end in an archived article (for queries over `links`). */
export const LINK_NOT_ARCHIVED = sql`not exists (select 1 from annotations e join articles r on r.id = e.article_id
  where e.id in (${links.fromAnnotationId}, ${links.toAnnotationId}) and r.archived_at is not null)`;

/** The annotation `annotationId` names (if any) is outside archived articles. */
export function annotationIdNotArchived(annotationId: SQLWrapper) {
  return sql`not exists (select 1 from annotations e join articles r on r.id = e.article_id where e.id = ${annotationId} and r.archived_at is not null)`;
}

/** The link `linkId` names (if any) has neither end in an archived article. */
export function linkIdNotArchived(linkId: SQLWrapper) {
  return sql`not exists (select 1 from links k join annotations e on e.id in (k.from_annotation_id, k.to_annotation_id)
    join articles r on r.id = e.article_id where k.id = ${linkId} and r.archived_at is not null)`;
}

/** What a person was about to do in the archived article, for the refusal's wording. */
export type ArchivedVerb = 'annotate' | 'link' | 'review' | 'comment' | 'correct it';

/** 409 "This article is archived; restore it to annotate." */
export function archivedConflict(verb: ArchivedVerb = 'annotate') {
  return conflict(`This article is archived; restore it to ${verb}.`);
}

/** 409 when any of `articleIds` is archived: nothing is written in an archived article. Call inside the write's transaction, after the access check. */
export async function refuseArchived(db: Db | Tx, articleIds: number[], verb: ArchivedVerb = 'annotate'): Promise<void> {
  if (!articleIds.length) return;
  const archived = await first(db.select({ id: articles.id }).from(articles).where(and(inArray(articles.id, articleIds), isNotNull(articles.archivedAt))));
  if (archived) throw archivedConflict(verb);
}

/** The articles an annotation or a link (both ends) is in. */
export async function targetArticleIds(db: Db | Tx, target: { kind: 'annotation' | 'link'; id: number }): Promise<number[]> {
  if (target.kind === 'annotation') {
    return (await all(db.select({ id: annotations.articleId }).from(annotations).where(eq(annotations.id, target.id)))).map((r) => r.id);
  }
  return (await all(db
    .select({ id: annotations.articleId })
    .from(links)
    .innerJoin(annotations, or(eq(annotations.id, links.fromAnnotationId), eq(annotations.id, links.toAnnotationId)))
    .where(eq(links.id, target.id))))
    .map((r) => r.id);
}

export interface ArchivedArticle {
  id: number;
  title: string;
  outlet: string | null;
  url: string | null;
  archivedAt: Date;
}

async function setArchived(actor: Actor, articleId: number, archive: boolean) {
  return await writeTransaction(async (tx) => {
    const before = await first(tx.select({ id: articles.id, projectId: articles.projectId, title: articles.title, archivedAt: articles.archivedAt }).from(articles).where(eq(articles.id, articleId)));
    if (!before) throw notFound('Article');
    await projectAccess(tx, actor, before.projectId, 'article.edit', 'Article');
    if (archive && before.archivedAt) throw conflict('This article is already archived.');
    if (!archive && !before.archivedAt) throw conflict('This article is not archived.');
    const archivedAt = archive ? new Date() : null;
    await exec(tx.update(articles).set({ archivedAt }).where(eq(articles.id, articleId)));
    await recordEvent(tx, {
      projectId: before.projectId, actorId: actorId(actor), action: archive ? 'article.archive' : 'article.restore', entityType: 'article', entityId: articleId,
      before: { title: before.title, archivedAt: before.archivedAt }, after: { title: before.title, archivedAt },
    });
    return { articleId, projectId: before.projectId, archivedAt };
  });
}

/** Archives an article (leads of its project): out of every list, its annotations kept. 409 when already archived. */
export async function archiveArticle({ actor, articleId }: { actor: Actor; articleId: number }) {
  return await setArchived(actor, articleId, true);
}

/** Brings an archived article back into the lists (leads). 409 when it is not archived. */
export async function restoreArticle({ actor, articleId }: { actor: Actor; articleId: number }) {
  return await setArchived(actor, articleId, false);
}

/** The project's archived articles, most recently archived first (leads, who may restore them). */
export async function listArchivedArticles({ actor, projectId }: { actor: Actor; projectId: number }): Promise<ArchivedArticle[]> {
  const db = getDb();
  await projectAccess(db, actor, projectId, 'article.edit');
  return await all(db
    .select({ id: articles.id, title: articles.title, outlet: articles.outlet, url: articles.url, archivedAt: articles.archivedAt })
    .from(articles)
    .where(and(eq(articles.projectId, projectId), isNotNull(articles.archivedAt)))
    .orderBy(desc(articles.archivedAt), desc(articles.id))) as ArchivedArticle[];
}
