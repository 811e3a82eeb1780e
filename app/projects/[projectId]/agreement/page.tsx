import { ProjectNav } from '@/components/projects/ProjectNav';
import { AgreementMatrix } from '@/components/review/AgreementMatrix';
import { DisagreementList } from '@/components/review/DisagreementList';
import { ArticleAgreementTable } from '@/components/review/ArticleAgreementTable';
import { METRICS, type MetricKey } from '@/components/review/agreementFormat';
import styles from '@/components/review/Agreement.module.css';
import { AgreementPager } from '@/components/review/AgreementPager';
import { pairDisagreements, projectAgreement } from '@/lib/data/agreement';
import { isAppError } from '@/lib/errors';
import { loadProjectPage } from '../loadProject';

export const metadata = { title: 'Agreement' };

type Search = { metric?: string; a?: string; b?: string; articles?: string; disagreements?: string };

/** A read with a page cursor; a stale or edited cursor falls back to the first page, with a note. */
async function firstPageOnBadCursor<T>(cursor: string | undefined, read: (cursor: string | undefined) => Promise<T>): Promise<{ value: T; reset: boolean }> {
  try {
    return { value: await read(cursor), reset: false };
  } catch (error) {
    if (cursor && isAppError(error) && error.status === 400) return { value: await read(undefined), reset: true };
    throw error;
  }
}

function choosePair(search: Search, pairs: Array<{ a: number; b: number; articles: number }>): [number, number] | null {
  const a = Number(search.a);
  const b = Number(search.b);
  const asked = pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  if (asked) return [a, b];
  const shared = pairs.find((p) => p.articles > 0);
  return shared ? [shared.a, shared.b] : null;
}

export default async function AgreementPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Search> }) {
  const { user, project, projectId } = await loadProjectPage(params, '/agreement');
  const search = await searchParams;
  const actor = { userId: user.id };
  const metric: MetricKey = search.metric && search.metric in METRICS ? (search.metric as MetricKey) : 'kappa';
  const loaded = await firstPageOnBadCursor(search.articles, (cursor) => projectAgreement({ actor, projectId, cursor }));
  const data = loaded.value;
  const names = new Map(data.reviewers.map((r) => [r.id, r.name]));
  const pair = choosePair(search, data.pairs);
  const listed = pair ? await firstPageOnBadCursor(search.disagreements, (cursor) => pairDisagreements({ actor, projectId, a: pair[0], b: pair[1], cursor })) : null;
  const base = `/projects/${projectId}/agreement`;
  const href = (m: MetricKey, a?: number, b?: number) => `${base}?metric=${m}${a && b ? `&a=${a}&b=${b}` : pair ? `&a=${pair[0]}&b=${pair[1]}` : ''}`;
  /** This page with other cursors (undefined: that table's first page). */
  const pageHref = (cursors: { articles?: string | null; disagreements?: string | null }) => {
    const q = new URLSearchParams({ metric, ...(pair ? { a: String(pair[0]), b: String(pair[1]) } : {}) });
    if (cursors.articles) q.set('articles', cursors.articles);
    if (cursors.disagreements) q.set('disagreements', cursors.disagreements);
    return `${base}?${q}`;
  };
  const articleCursor = loaded.reset ? undefined : search.articles;
  const disagreementCursor = listed?.reset ? undefined : search.disagreements;
  return (
    <div className="container">
      <ProjectNav projectId={projectId} projectName={project.name} active="agreement" role={project.role} />
      <div className="page-header">
        <div>
          <h1>Agreement between reviewers</h1>
          <p>How closely colleagues who tagged the same articles agree, pair by pair. Pick a cell to see where they differ.</p>
        </div>
      </div>
      {data.reviewers.length < 2 ? (
        <div className="card empty">Agreement needs at least two reviewers who tagged the same article. Nothing to compare yet.</div>
      ) : (
        <>
          {/* A big matrix takes the width; the definitions go under it. */}
          <div className={data.reviewers.length > 8 ? `${styles.grid} ${styles.gridWide}` : styles.grid}>
            <section className="card" aria-labelledby="matrix-title">
              <h2 id="matrix-title" style={{ marginTop: 0 }}>Project: {METRICS[metric].label}</h2>
              <nav className={styles.tabs} aria-label="Measure">
                {(Object.keys(METRICS) as MetricKey[]).map((m) => (
                  <a key={m} href={href(m)} className={m === metric ? `${styles.tab} ${styles.tabActive}` : styles.tab} aria-current={m === metric ? 'true' : undefined}>
                    {METRICS[m].label}
                  </a>
                ))}
              </nav>
              <AgreementMatrix
                reviewers={data.reviewers}
                values={data.pairs.map((p) => [p.a, p.b, METRICS[metric].pick(p)])}
                metric={metric}
                selected={pair}
                chosen={pair ? data.pairs.find((p) => (p.a === pair[0] && p.b === pair[1]) || (p.a === pair[1] && p.b === pair[0])) ?? null : null}
              />
            </section>
            <section className="card" style={{ marginTop: 0 }}>
              <h2 style={{ marginTop: 0 }}>What the figures mean</h2>
              <dl className={styles.defs}>
                <dt>Cohen’s κ</dt>
                <dd>Agreement on the label of every character (none, claim, quote, context), corrected for chance. 1 is perfect, 0 is chance level.</dd>
                <dt>Span F1 (exact / overlap)</dt>
                <dd>Share of spans both tagged with the same label: exactly the same characters, or at least overlapping.</dd>
                <dt>Link F1</dt>
                <dd>Share of links both made between the same two spans with the same relation.</dd>
                <dt>Pooling</dt>
                <dd>Project figures pool the articles both reviewers tagged; links count over the whole project.</dd>
              </dl>
            </section>
          </div>
          {(loaded.reset || listed?.reset) && <p className={styles.notice} role="status">That page link was out of date, so the list starts again from its first page.</p>}
          <h2 id="by-article">By article</h2>
          <ArticleAgreementTable rows={data.articles.items} names={names} projectId={projectId} pairHref={(a, b) => `${base}?metric=${metric}&a=${a}&b=${b}#disagreements`} />
          <AgreementPager
            label="Pages of the article table"
            testId="article-pager"
            nextHref={data.articles.nextCursor ? `${pageHref({ articles: data.articles.nextCursor, disagreements: disagreementCursor })}#by-article` : null}
            firstHref={articleCursor ? `${pageHref({ disagreements: disagreementCursor })}#by-article` : null}
          />
          {pair && listed && (
            <>
              <h2 id="disagreements">
                Disagreements: {names.get(pair[0])} and {names.get(pair[1])}
              </h2>
              <DisagreementList items={listed.value.items} continued={!!disagreementCursor} projectId={projectId} nameA={names.get(pair[0]) ?? ''} nameB={names.get(pair[1]) ?? ''} />
              <AgreementPager
                label="Pages of the disagreement list"
                testId="disagreement-pager"
                nextHref={listed.value.nextCursor ? `${pageHref({ articles: articleCursor, disagreements: listed.value.nextCursor })}#disagreements` : null}
                firstHref={disagreementCursor ? `${pageHref({ articles: articleCursor })}#disagreements` : null}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
