/**
 * Reviewer × reviewer table of one agreement measure over the project, each cell coloured from
 * red (no agreement) to green (full agreement); a cell opens that pair's disagreements.
 */
import type { PairFigures, Reviewer } from '@/lib/data/agreement';
import { formatScore, METRICS, scoreStyle, type MetricKey } from './agreementFormat';
import styles from './Agreement.module.css';

interface Props {
  reviewers: Reviewer[];
  pairs: PairFigures[];
  metric: MetricKey;
  selected: [number, number] | null;
  hrefFor: (a: number, b: number) => string;
}

function pairOf(pairs: PairFigures[], x: number, y: number): PairFigures | undefined {
  return pairs.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x));
}

export function AgreementMatrix({ reviewers, pairs, metric, selected, hrefFor }: Props) {
  const { pick, label } = METRICS[metric];
  return (
    <div className={styles.matrixWrap}>
      <table className={styles.matrix} data-testid="agreement-matrix">
        <caption className="sr-only">{label} between each pair of reviewers</caption>
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
                if (col.id === row.id) return <td key={col.id} className={styles.self} aria-label="same reviewer" />;
                const pair = pairOf(pairs, row.id, col.id);
                const value = pair ? pick(pair) : null;
                const isSelected = !!selected && selected.includes(row.id) && selected.includes(col.id);
                const detail = pair
                  ? `${row.name} × ${col.name}: κ ${formatScore(pair.kappa)}, F1 overlap ${formatScore(pair.overlapF1)}, F1 exact ${formatScore(pair.exactF1)}, links ${formatScore(pair.linkF1)}; ${pair.articles} shared article(s)`
                  : '';
                return (
                  <td key={col.id} className={isSelected ? `${styles.cell} ${styles.selected}` : styles.cell} style={scoreStyle(value)}>
                    <a href={hrefFor(row.id, col.id)} title={detail} data-testid={`cell-${row.id}-${col.id}`}>
                      {formatScore(value)}
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.legend} aria-hidden="true">
        <span>0</span>
        <span className={styles.ramp} />
        <span>1</span>
        <span className={styles.legendNone}>— no shared work</span>
      </div>
    </div>
  );
}
