import { ProjectNav } from '@/components/projects/ProjectNav';
import { AgreementMatrix } from '@/components/review/AgreementMatrix';
import { DisagreementList } from '@/components/review/DisagreementList';
import { ArticleAgreementTable } from '@/components/review/ArticleAgreementTable';
import { METRICS, type MetricKey } from '@/components/review/agreementFormat';
import styles from '@/components/review/Agreement.module.css';
import { pairDisagreements, projectAgreement } from '@/lib/data/agreement';
import { loadProjectPage } from '../loadProject';

export const metadata = { title: 'Agreement' };

type Search = { metric?: string; a?: string; b?: string };

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
  const data = projectAgreement({ actor, projectId });
  const names = new Map(data.reviewers.map((r) => [r.id, r.name]));
  const pair = choosePair(search, data.pairs);
  const base = `/projects/${projectId}/agreement`;
  const href = (m: MetricKey, a?: number, b?: number) => `${base}?metric=${m}${a && b ? `&a=${a}&b=${b}` : pair ? `&a=${pair[0]}&b=${pair[1]}` : ''}`;
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
          <div className={styles.grid}>
            <section className="card" aria-labelledby="matrix-title">
              <h2 id="matrix-title" style={{ marginTop: 0 }}>Project: {METRICS[metric].label}</h2>
              <nav className={styles.tabs} aria-label="Measure">
                {(Object.keys(METRICS) as MetricKey[]).map((m) => (
                  <a key={m} href={href(m)} className={m === metric ? `${styles.tab} ${styles.tabActive}` : styles.tab} aria-current={m === metric ? 'true' : undefined}>
                    {METRICS[m].label}
                  </a>
                ))}
              </nav>
              <AgreementMatrix reviewers={data.reviewers} pairs={data.pairs} metric={metric} selected={pair} hrefFor={(a, b) => href(metric, a, b)} />
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
          <h2>By article</h2>
          <ArticleAgreementTable articles={data.articles} names={names} projectId={projectId} />
          {pair && (
            <>
              <h2>
                Disagreements: {names.get(pair[0])} and {names.get(pair[1])}
              </h2>
              <DisagreementList groups={pairDisagreements({ actor, projectId, a: pair[0], b: pair[1] })} projectId={projectId} nameA={names.get(pair[0]) ?? ''} nameB={names.get(pair[1]) ?? ''} />
            </>
          )}
        </>
      )}
    </div>
  );
}
