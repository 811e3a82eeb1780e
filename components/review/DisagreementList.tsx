/** One page of the spans two reviewers disagree on, grouped by article, each opening in the reader. */
import type { DisagreementItem, DisagreementSpan } from '@/lib/data/agreement';
import type { DisagreementKind } from '@/lib/metrics/disagreements';
import styles from './Agreement.module.css';
import { LabelBadge } from './LabelBadge';

/** What the row says: a label disagreement names both labels ("claim vs quote"). */
function kindText(d: DisagreementItem, nameA: string, nameB: string): string {
  const text: Record<DisagreementKind, string> = {
    'only-a': `Only ${nameA} tagged`,
    'only-b': `Only ${nameB} tagged`,
    label: `Different labels: ${d.a?.label} vs ${d.b?.label}`,
    boundaries: 'Different boundaries',
  };
  return text[d.kind];
}

function byArticle(items: DisagreementItem[]): DisagreementItem[][] {
  const groups: DisagreementItem[][] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last[0].articleId === item.articleId) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

function SpanCell({ span, href, who }: { span: DisagreementSpan | null; href: (id: number) => string; who: string }) {
  if (!span) return <td className="muted" data-label={who}>not tagged</td>;
  return (
    <td data-label={who}>
      <a href={href(span.id)} className={styles.spanLink}>
        <LabelBadge label={span.label} /> “{span.exact.length > 120 ? `${span.exact.slice(0, 120)}…` : span.exact}”
      </a>
    </td>
  );
}

export function DisagreementList({ items, projectId, nameA, nameB, continued }: { items: DisagreementItem[]; projectId: number; nameA: string; nameB: string; continued: boolean }) {
  if (!items.length) {
    return <div className="card empty">{continued ? 'No more disagreements.' : `${nameA} and ${nameB} agree on every span of the articles they both annotated.`}</div>;
  }
  return (
    <div className="stack">
      {byArticle(items).map((group) => {
        const first = group[0];
        const href = (id: number) => `/projects/${projectId}/articles/${first.articleId}?focus=${id}`;
        return (
          <section key={first.articleId}>
            <h3 className={styles.articleTitle}>
              <span>
                {first.outlet && <span className="muted">{first.outlet} — </span>}
                {first.title || 'Untitled article'}
              </span>
              <span className={styles.countPill}>{group.length}</span>
            </h3>
            <div className={styles.tableWrap}>
              <table className={`table ${styles.stackTable}`} data-testid="disagreements">
                <thead>
                  <tr>
                    <th style={{ width: '12rem' }}>What</th>
                    <th>{nameA}</th>
                    <th>{nameB}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.map((d) => (
                    <tr key={`${d.a?.id ?? 'x'}-${d.b?.id ?? 'x'}`} data-kind={d.kind}>
                      <td><span className={`${styles.kind} ${styles[d.kind.replace('-', '')]}`}>{kindText(d, nameA, nameB)}</span></td>
                      <SpanCell span={d.a} href={href} who={nameA} />
                      <SpanCell span={d.b} href={href} who={nameB} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
