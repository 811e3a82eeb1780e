import Link from 'next/link';
import { ARTICLE_LIST_PARAMS, listArticleOutlets, listArticlesPage, type ArticleListQuery } from '@/lib/data/articleList';
import { can } from '@/lib/auth/can';
import { isAppError } from '@/lib/errors';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { ArticlesTable } from '@/components/projects/ArticlesTable';
import { ArticlesFilters } from '@/components/projects/ArticlesFilters';
import { ListPager, listHref } from '@/components/projects/ListPager';
import { formatCount } from '@/components/projects/format';
import { BulkOutlet } from '@/components/projects/BulkOutlet';
import { ArchivedArticles } from '@/components/projects/ArchivedArticles';
import { listArchivedArticles } from '@/lib/data/articleArchive';
import { loadProjectPage } from './loadProject';

export const metadata = { title: 'Articles' };

type SearchParams = Record<string, string | string[] | undefined>;

/** The list's own parameters from the URL (others, e.g. added by a browser, are ignored here). */
function listQuery(searchParams: SearchParams): Partial<Record<keyof ArticleListQuery, string>> {
  const query: Partial<Record<keyof ArticleListQuery, string>> = {};
  for (const key of ARTICLE_LIST_PARAMS) {
    const value = searchParams[key];
    if (typeof value === 'string' && value !== '') query[key] = value;
  }
  return query;
}

function plural(n: number, one: string, many: string) {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export default async function ProjectArticlesPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<SearchParams> }) {
  const { user, project, projectId } = await loadProjectPage(params);
  const actor = { userId: user.id };
  const query = listQuery(await searchParams);
  const { cursor, limit, ...filters } = query;
  const base = `/projects/${projectId}`;
  let page: Awaited<ReturnType<typeof listArticlesPage>> | null = null;
  let problem: string | null = null;
  try {
    page = await listArticlesPage({ actor, projectId, query });
  } catch (error) {
    if (!isAppError(error) || error.status !== 400) throw error;
    problem = error.message;
  }
  const outlets = await listArticleOutlets({ actor, projectId });
  const filtered = Object.keys(filters).some((key) => key !== 'sort');
  const isLead = can(project.role, 'article.edit');
  const empty = page !== null && page.total === 0 && !filtered;
  return (
    <div className="container">
      <ProjectNav projectId={projectId} projectName={project.name} active="articles" role={project.role} />
      <div className="page-header">
        <div>
          <h1>Articles</h1>
          <p>{project.description || 'The texts this project annotates. Open one to read and tag it.'}</p>
        </div>
        {can(project.role, 'article.import') && (
          <Link href={`/projects/${projectId}/import`} className="btn btn-primary">Import articles</Link>
        )}
      </div>
      {empty ? (
        <div className="card empty">
          No articles yet.{' '}
          {can(project.role, 'article.import') ? 'Import the first texts to start annotating.' : 'A project lead can import them.'}
        </div>
      ) : (
        <>
          <ArticlesFilters action={base} values={filters} outlets={outlets} />
          {problem && (
            <div className="alert alert-error" role="alert">
              {problem} <Link href={base}>Show all articles</Link>
            </div>
          )}
          {page && page.items.length === 0 && <div className="card empty">No article matches these filters. <Link href={base}>Show all articles</Link></div>}
          {page && page.items.length > 0 && (
            <>
              <p className="muted small" data-testid="articles-summary">
                {filtered ? `${plural(page.total, 'article matches', 'articles match')}` : plural(page.total, 'article', 'articles')}
                {page.total > page.items.length && ` · showing ${formatCount(page.items.length)} on this page`}
              </p>
              <ArticlesTable projectId={projectId} articles={page.items} canEdit={isLead} sort={page.sort} sortHref={(sort) => listHref(base, { ...filters, sort, limit })} />
              <ListPager
                firstHref={cursor ? listHref(base, { ...filters, limit }) : null}
                nextHref={page.nextCursor ? listHref(base, { ...filters, limit, cursor: page.nextCursor }) : null}
                firstLabel="First page"
                nextLabel="Next page"
              />
            </>
          )}
        </>
      )}
      {isLead && page && page.items.length > 0 && <BulkOutlet projectId={projectId} articles={page.items} />}
      {isLead && <ArchivedArticles projectId={projectId} articles={await listArchivedArticles({ actor: { userId: user.id }, projectId })} />}
    </div>
  );
}
