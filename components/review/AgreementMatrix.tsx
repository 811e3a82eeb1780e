/**
 * Reviewer × reviewer table of one agreement measure over the project, each cell coloured from
 * red (no agreement) to green (full agreement); a cell opens that pair's disagreements, and the
 * chosen pair's four figures are spelled out under the table. Compact on purpose: with 30
 * reviewers it has 870 cells, so a cell is a colour step, a short relative link and its figure.
 */
import type { PairFigures, Reviewer } from '@/lib/data/agreement';
import { formatScore, METRICS, scoreStep, type MetricKey } from './agreementFormat';
import styles from './Agreement.module.css';

interface Props {
  reviewers: Reviewer[];
  pairs: PairFigures[];
  metric: MetricKey;
  selected: [number, number] | null;
  /** A cell's link: the page's query for that pair (relative, so it stays short). */
  hrefFor: (a: number, b: number) => string;
}

const key = (x: number, y: number) => (x < y ? `${x}-${y}` : `${y}-${x}`);

/** The chosen pair's figures in words, for those who cannot see colours or hover. */
function PairDetail({ pair, names }: { pair: PairFigures; names: Map<number, string> }) {
  return (
    <p className={styles.pairDetail} data-testid="pair-detail">
      <strong>{names.get(pair.a)} × {names.get(pair.b)}</strong>: κ {formatScore(pair.kappa)} · F1 overlap {formatScore(pair.overlapF1)} · F1 exact{' '}
      {formatScore(pair.exactF1)} · links {formatScore(pair.linkF1)} · {pair.articles} shared article{pair.articles === 1 ? '' : 's'}
    </p>
  );
}

export function AgreementMatrix({ reviewers, pairs, metric, selected, hrefFor }: Props) {
  const { pick, label } = METRICS[metric];
  const byPair = new Map(pairs.map((p) => [key(p.a, p.b), p]));
  const chosen = selected ? byPair.get(key(selected[0], selected[1])) : undefined;
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
                if (col.id === row.id) return <td key={col.id} data-self="" aria-label="same reviewer" />;
                const pair = byPair.get(key(row.id, col.id));
                if (!pair) return <td key={col.id}>—</td>;
                const value = pick(pair);
                const isSelected = !!selected && selected.includes(row.id) && selected.includes(col.id);
                return (
                  <td key={col.id} data-s={scoreStep(value)} aria-current={isSelected ? 'true' : undefined}>
                    <a href={hrefFor(row.id, col.id)} data-testid={`cell-${row.id}-${col.id}`}>{formatScore(value)}</a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {chosen && <PairDetail pair={chosen} names={new Map(reviewers.map((r) => [r.id, r.name]))} />}
      <div className={styles.legend} aria-hidden="true">
        <span>0</span>
        <span className={styles.ramp} />
        <span>1</span>
        <span className={styles.legendNone}>— no shared work</span>
      </div>
    </div>
  );
}
