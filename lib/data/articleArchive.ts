/**
 * Archiving an article a lead imported by mistake: it leaves the lists, board, queue and
 * exports (every list query filters on NOT_ARCHIVED), its annotations, links and history are
 * kept, and a lead can restore it. Both are recorded in the audit log.
 */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { getDb, writeTransaction } from '../db/client';
import { articles } from '../db/schema';
import { conflict, notFound } from '../errors';
import { actorId, projectAccess, type Actor } from './actor';
import { recordEvent } from './events';

/** The condition every list of articles adds: `and(..., NOT_ARCHIVED)`. */
export const NOT_ARCHIVED = isNull(articles.archivedAt);

export interface ArchivedArticle {
  id: number;
  title: string;
  outlet: string | null;
  url: string | null;
  archivedAt: Date;
}

function setArchived(actor: Actor, articleId: number, archive: boolean) {
  return writeTransaction((tx) => {
    const before = tx.select({ id: articles.id, projectId: articles.projectId, title: articles.title, archivedAt: articles.archivedAt }).from(articles).where(eq(articles.id, articleId)).get();
    if (!before) throw notFound('Article');
    projectAccess(tx, actor, before.projectId, 'article.edit', 'Article');
    if (archive && before.archivedAt) throw conflict('This article is already archived.');
    if (!archive && !before.archivedAt) throw conflict('This article is not archived.');
    const archivedAt = archive ? new Date() : null;
    tx.update(articles).set({ archivedAt }).where(eq(articles.id, articleId)).run();
    recordEvent(tx, {
      projectId: before.projectId, actorId: actorId(actor), action: archive ? 'article.archive' : 'article.restore', entityType: 'article', entityId: articleId,
      before: { title: before.title, archivedAt: before.archivedAt }, after: { title: before.title, archivedAt },
    });
    return { articleId, projectId: before.projectId, archivedAt };
  });
}

/** Archives an article (leads of its project): out of every list, its annotations kept. 409 when already archived. */
export function archiveArticle({ actor, articleId }: { actor: Actor; articleId: number }) {
  return setArchived(actor, articleId, true);
}

/** Brings an archived article back into the lists (leads). 409 when it is not archived. */
export function restoreArticle({ actor, articleId }: { actor: Actor; articleId: number }) {
  return setArchived(actor, articleId, false);
}

/** The project's archived articles, most recently archived first (leads, who may restore them). */
export function listArchivedArticles({ actor, projectId }: { actor: Actor; projectId: number }): ArchivedArticle[] {
  const db = getDb();
  projectAccess(db, actor, projectId, 'article.edit');
  return db
    .select({ id: articles.id, title: articles.title, outlet: articles.outlet, url: articles.url, archivedAt: articles.archivedAt })
    .from(articles)
    .where(and(eq(articles.projectId, projectId), isNotNull(articles.archivedAt)))
    .orderBy(desc(articles.archivedAt), desc(articles.id))
    .all() as ArchivedArticle[];
}
