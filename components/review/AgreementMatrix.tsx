'use client';
/**
 * Reviewer × reviewer table of one agreement measure over the project, each cell coloured from
 * red (no agreement) to green (full agreement); a cell opens that pair's disagreements, and the
 * chosen pair's four figures are spelled out under the table. With 30 reviewers it has 870
 * cells: a cell is a colour step, a short relative link and its figure, and this is a client
 * component so that the page's RSC payload carries one number per pair, not every element.
 */
import type { PairFigures, Reviewer } from '@/lib/data/agreement';
import { formatScore, METRICS, scoreStep, type MetricKey } from './agreementFormat';
import styles from './Agreement.module.css';

interface Props {
  reviewers: Reviewer[];
  /** [a, b, the chosen measure] for every pair with figures (either order is looked up). */
  values: Array<[number, number, number | null]>;
  metric: MetricKey;
  selected: [number, number] | null;
  /** The chosen pair's figures, spelled out under the table. */
  chosen: PairFigures | null;
}

const key = (x: number, y: number) => (x < y ? `${x}-${y}` : `${y}-${x}`);

export function AgreementMatrix({ reviewers, values, metric, selected, chosen }: Props) {
  const byPair = new Map(values.map(([a, b, value]) => [key(a, b), value]));
  const names = new Map(reviewers.map((r) => [r.id, r.name]));
  return (
    <div className={styles.matrixWrap}>
      <table className={styles.matrix} data-testid="agreement-matrix">
        <caption className="sr-only">{METRICS[metric].label} between each pair of reviewers</caption>
        <thead>
          <tr>
            <th scope="col" />
            {reviewers.map((r) => (
              <th key={r.id} scope="col" className={styles.colHead}>{r.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reviewers.map((row) => (
            <tr key={row.id}>
              <th scope="row" className={styles.rowHead}>{row.name}</th>
              {reviewers.map((col) => {
                if (col.id === row.id) return <td key={col.id} data-self="" aria-label="same reviewer" />;
                const k = key(row.id, col.id);
                if (!byPair.has(k)) return <td key={col.id}>—</td>;
                const value = byPair.get(k)!;
                const isSelected = !!selected && selected.includes(row.id) && selected.includes(col.id);
                return (
                  <td key={col.id} data-s={scoreStep(value)} aria-current={isSelected ? 'true' : undefined}>
                    <a href={`?metric=${metric}&a=${row.id}&b=${col.id}`} data-testid={`cell-${row.id}-${col.id}`}>{formatScore(value)}</a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {chosen && (
        <p className={styles.pairDetail} data-testid="pair-detail">
          <strong>{`${names.get(chosen.a)} × ${names.get(chosen.b)}`}</strong>
          {`: κ ${formatScore(chosen.kappa)} · F1 overlap ${formatScore(chosen.overlapF1)} · F1 exact ${formatScore(chosen.exactF1)} · links ${formatScore(chosen.linkF1)} · `}
          {chosen.articles === 1 ? '1 shared article' : `${chosen.articles} shared articles`}
        </p>
      )}
      <div className={styles.legend} aria-hidden="true">
        <span>0</span>
        <span className={styles.ramp} />
        <span>1</span>
        <span className={styles.legendNone}>— no shared work</span>
      </div>
    </div>
  );
}
