import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { focusUrl, RELATION_GLYPHS, RELATION_NAMES } from '@/components/links/relations';
import { LABEL_NAMES } from '@/components/annotator/labels';
import { quoteComparison, type ComparedStatement } from '@/lib/data/quoteComparison';
import type { DiffPart } from '@/lib/text/wordDiff';
import { sourceName } from '@/lib/text/sourceName';
import { loadProjectPage, orNotFound, routeId } from '../../loadProject';
import styles from './compare.module.css';

export const metadata = { title: 'Compare wordings' };

type Params = Promise<{ projectId: string; annotationId: string }>;

function outletOf(s: ComparedStatement): string {
  return sourceName(s);
}

function Words({ parts, kind }: { parts: DiffPart[]; kind: 'removed' | 'added' }) {
  return (
    <p className={styles.words}>
      {parts.map((p, i) => {
        if (!p.changed) return <span key={i}>{p.text}</span>;
        const words = p.text.trimEnd();
        return <span key={i}><mark className={styles[kind]}>{words}</mark>{p.text.slice(words.length)}</span>;
      })}
    </p>
  );
}

export default async function ComparePage({ params }: { params: Params }) {
  const { annotationId: raw } = await params;
  const { user, project, projectId } = await loadProjectPage(params, `/compare/${raw}`);
  const annotationId = routeId(raw);
  if (annotationId === null) notFound();
  const result = await orNotFound(async () => await quoteComparison({ actor: { userId: user.id }, annotationId }));
  if (result.projectId !== projectId) notFound();
  const { quote, comparisons } = result;
  return (
    <div className="container">
      <ProjectNav projectId={projectId} projectName={project.name} active="board" role={project.role} />
      <div className="page-header">
        <div>
          <h1>How the outlets worded it</h1>
          <p>The {LABEL_NAMES[quote.label].toLowerCase()} beside every statement linked to it, word by word.</p>
        </div>
        <Link className="btn" href={focusUrl(projectId, quote.articleId, quote.annotationId)}>Open in {outletOf(quote)}</Link>
      </div>
      <section className={`card ${styles.base} ${styles[`base_${quote.label}`]}`} data-testid="compare-base">
        <div className={styles.meta}>
          <span className={`badge ${styles[`label_${quote.label}`]}`}>{LABEL_NAMES[quote.label]}</span>
          <strong title={quote.title}>{outletOf(quote)}</strong>
          {quote.speaker ? <span className="muted">speaker: {quote.speaker}</span> : null}
        </div>
        <blockquote className={styles.baseText}>{quote.exact}</blockquote>
      </section>
      <div className={styles.legend}>
        <span><mark className={styles.removed}>struck</mark> missing or different in the other outlet</span>
        <span><mark className={styles.added}>underlined</mark> added or different in the other outlet</span>
      </div>
      {comparisons.length === 0 ? (
        <div className="card empty">Nothing is linked to this statement yet. Open it in the article and press <kbd>l</kbd> to link it.</div>
      ) : (
        <ol className={styles.pairs}>
          {comparisons.map((c) => (
            <li key={c.other.annotationId} className={`card ${styles.pair}`} data-testid="compare-pair">
              <div className={styles.pairHead}>
                <strong className={styles.outlet} title={c.other.title}>{outletOf(c.other)}</strong>
                {c.relations.map((r) => (
                  <span key={r.linkId} className={`${styles.relation} ${styles[`relation_${r.relation}`]}`} title={r.note || undefined}>
                    {RELATION_GLYPHS[r.relation]} {RELATION_NAMES[r.relation]} <span className={styles.by}>· {r.authorName}</span>
                  </span>
                ))}
                <span className={styles.similarity} title="Share of words the two wordings have in common">
                  <span className={styles.bar}><span style={{ width: `${Math.round(c.similarity * 100)}%` }} /></span>
                  {Math.round(c.similarity * 100)}% same words
                </span>
              </div>
              <div className={styles.columns}>
                <div>
                  <h3 className={styles.colHead}>{outletOf(quote)}</h3>
                  <Words parts={c.base} kind="removed" />
                </div>
                <div>
                  <h3 className={styles.colHead}>
                    {outletOf(c.other)} <span className={`badge ${styles[`label_${c.other.label}`]}`}>{LABEL_NAMES[c.other.label]}</span>
                  </h3>
                  <Words parts={c.wording} kind="added" />
                  <Link className="small" href={focusUrl(projectId, c.other.articleId, c.other.annotationId, quote.annotationId)}>Open in {outletOf(c.other)} →</Link>
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
