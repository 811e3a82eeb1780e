import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePageUser } from '@/lib/auth/session';
import { getArticle } from '@/lib/data/articles';
import { ArchiveButton } from '@/components/projects/ArchiveButton';
import { currentCursor, getAnnotation, listAnnotationPage, listSpeakers } from '@/lib/data/annotations';
import { sourceName } from '@/lib/text/sourceName';
import { isAppError } from '@/lib/errors';
import { headers } from 'next/headers';
import { bodyHtml } from '@/components/annotator/ArticleBody';
import { ArticleText } from '@/components/annotator/ArticleText';
import { stashBodyHtml } from '@/components/annotator/bodyStash';
import { Reader } from '@/components/annotator/Reader';
import { ReaderHelp } from '@/components/annotator/ReaderHelp';
import { ProjectNav } from '@/components/projects/ProjectNav';
import styles from '@/components/annotator/Reader.module.css';
import { readerRevisions } from '@/lib/data/revisions';
import { RevisionSwitcher } from '@/components/revisions/RevisionSwitcher';
import { OldRevision } from '@/components/revisions/OldRevision';

type Params = { projectId: string; articleId: string };

/** Annotations the page itself sends (the first screens of text); the Reader fetches the rest. */
const FIRST_PAGE = 100;

async function load(userId: number, articleId: string, focusId: number | null) {
  const id = Number(articleId);
  if (!/^\d{1,15}$/.test(articleId) || id <= 0) notFound();
  try {
    const cursor = await currentCursor();
    const { article, role, project } = await getArticle({ actor: { userId }, articleId: id });
    const first = await listAnnotationPage({ actor: { userId }, articleId: id, page: { limit: FIRST_PAGE } });
    // ?focus= may name an annotation further down than the first page: send it along.
    const focused = focusId !== null && !first.items.some((a) => a.id === focusId) ? await focusedAnnotation(userId, article, focusId) : null;
    const annotations = focused ? [...first.items, focused] : first.items;
    const speakers = await listSpeakers({ actor: { userId }, projectId: project.id });
    return { article, role: role ?? 'viewer', project, annotations, nextPage: first.nextCursor, total: first.total, speakers, cursor };
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  }
}

async function focusedAnnotation(userId: number, article: { id: number; currentRevision: number }, focusId: number) {
  try {
    const annotation = await getAnnotation({ actor: { userId }, annotationId: focusId });
    // Spans left on an older revision are not part of this reader (OldRevision shows them).
    return annotation.articleId === article.id && annotation.anchor?.revision === article.currentRevision ? annotation : null;
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/** The statement a link was followed from (?from=ID), for the one-click way back; null if gone. */
async function linkOrigin(userId: number, from: string | undefined) {
  if (!from || !/^\d{1,15}$/.test(from)) return null;
  try {
    const annotation = await getAnnotation({ actor: { userId }, annotationId: Number(from) });
    const { article } = await getArticle({ actor: { userId }, articleId: annotation.articleId });
    return { annotationId: annotation.id, articleId: article.id, name: sourceName(article) };
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/**
 * Whether this request is a client-side navigation (the router asks for the RSC payload
 * alone): then the body travels in the payload. On a full page load it is rendered into the
 * HTML only (ArticleText), so that it is not sent twice.
 */
async function isPayloadOnly(): Promise<boolean> {
  return (await headers()).get('rsc') === '1';
}

export default async function ReaderPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<{ focus?: string; from?: string; revision?: string }> }) {
  const { projectId, articleId } = await params;
  const { focus, from, revision } = await searchParams;
  const user = await requirePageUser(`/projects/${projectId}/articles/${articleId}`);
  const focusId = focus && /^\d{1,15}$/.test(focus) ? Number(focus) : null;
  const data = await load(user.id, articleId, focusId);
  const { article, project } = data;
  if (String(article.projectId) !== projectId) notFound();
  const back = await linkOrigin(user.id, from);
  // Nothing is written in an archived article (lib/data refuses it): the reader only reads.
  const archived = article.archivedAt !== null;
  const revs = await readerRevisions({ actor: { userId: user.id }, articleId: article.id, requested: revision });
  return (
    <>
      <div className="container" style={{ maxWidth: 1320 }}>
        <ProjectNav projectId={project.id} projectName={project.name} active="articles" role={data.role} />
        <header className={styles.header}>
          <div className="row small">
            <Link href={`/projects/${project.id}`}>← All articles</Link>
            {back ? (
              <Link href={`/projects/${project.id}/articles/${back.articleId}?focus=${back.annotationId}`} className="btn btn-small" data-testid="link-back">
                ← Back to {back.name}
              </Link>
            ) : null}
          </div>
          <h1>{article.title || 'Untitled article'}</h1>
          <div className={styles.byline}>
            {article.outlet ? <span>{article.outlet}</span> : null}
            {article.author ? <span>by {article.author}</span> : null}
            {article.publishedAt ? <time dateTime={article.publishedAt}>{article.publishedAt}</time> : null}
            {article.url ? <a href={article.url} rel="noreferrer noopener" target="_blank">Original ↗</a> : null}
          </div>
          {!archived && <ReaderHelp role={data.role} />}
          <RevisionSwitcher projectId={project.id} articleId={article.id} revisions={revs.revisions} viewing={revs.viewing} pending={revs.pending} canCleanUp={data.role === 'lead' && !archived} />
          {archived ? (
            <div data-testid="archived-article">
              {data.role === 'lead' ? (
                <ArchiveButton articleId={article.id} archived title={article.title} />
              ) : (
                <p className="alert alert-info" role="status">This article is archived: it is left out of the lists, the board and the review queue, and nothing can be annotated here until a lead restores it.</p>
              )}
            </div>
          ) : null}
        </header>
        {revs.old ? <OldRevision body={revs.old.revision.body} number={revs.viewing} annotations={revs.old.annotations} currentHref={`/projects/${project.id}/articles/${article.id}`} /> : <Reader articleId={article.id} projectId={project.id} me={{ id: user.id, name: user.name }} role={archived ? 'viewer' : data.role}
          initial={data.annotations} nextPage={data.nextPage} total={data.total} cursor={data.cursor} speakers={data.speakers} focusId={focusId}>
          {(await isPayloadOnly())
            ? <ArticleText articleId={article.id} length={article.body.length} sha256={article.sha256} body={article.body} />
            : <ArticleText articleId={article.id} length={article.body.length} sha256={article.sha256} stashKey={stashBodyHtml(bodyHtml(article.body))} />}
        </Reader>}
      </div>
    </>
  );
}
