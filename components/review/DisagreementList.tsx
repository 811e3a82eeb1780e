/** The spans two reviewers disagree on, article by article, each opening in the reader. */
import type { DisagreementSpan } from '@/lib/data/agreement';
import type { Disagreement, DisagreementKind } from '@/lib/metrics/disagreements';
import styles from './Agreement.module.css';
import { LabelBadge } from './LabelBadge';

const KIND: Record<DisagreementKind, (a: string, b: string) => string> = {
  'only-a': (a) => `Only ${a} tagged`,
  'only-b': (_a, b) => `Only ${b} tagged`,
  label: () => 'Different labels',
  boundaries: () => 'Different boundaries',
};

interface Group {
  articleId: number;
  title: string;
  outlet: string | null;
  items: Disagreement<DisagreementSpan>[];
}

function SpanCell({ span, href }: { span: DisagreementSpan | null; href: (id: number) => string }) {
  if (!span) return <td className="muted">not tagged</td>;
  return (
    <td>
      <a href={href(span.id)} className={styles.spanLink}>
        <LabelBadge label={span.label} /> “{span.exact.length > 120 ? `${span.exact.slice(0, 120)}…` : span.exact}”
      </a>
    </td>
  );
}

export function DisagreementList({ groups, projectId, nameA, nameB }: { groups: Group[]; projectId: number; nameA: string; nameB: string }) {
  if (!groups.length) return <div className="card empty">{nameA} and {nameB} agree on every span of the articles they both annotated.</div>;
  return (
    <div className="stack">
      {groups.map((g) => {
        const href = (id: number) => `/projects/${projectId}/articles/${g.articleId}?focus=${id}`;
        return (
          <section key={g.articleId}>
            <h3 className={styles.articleTitle}>
              {g.outlet && <span className="muted">{g.outlet} — </span>}
              {g.title || 'Untitled article'} <span className={styles.countPill}>{g.items.length}</span>
            </h3>
            <table className="table" data-testid="disagreements">
              <thead>
                <tr>
                  <th style={{ width: '12rem' }}>What</th>
                  <th>{nameA}</th>
                  <th>{nameB}</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((d) => (
                  <tr key={`${d.a?.id ?? 'x'}-${d.b?.id ?? 'x'}`}>
                    <td><span className={`${styles.kind} ${styles[d.kind.replace('-', '')]}`}>{KIND[d.kind](nameA, nameB)}</span></td>
                    <SpanCell span={d.a} href={href} />
                    <SpanCell span={d.b} href={href} />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
