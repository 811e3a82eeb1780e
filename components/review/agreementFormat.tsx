/**
 * Shared presentation of agreement figures: two decimals and a red-amber-green colour. The
 * colour is one of eleven steps (`data-s` 0-10, styled in Agreement.module.css), not an inline
 * style: a 30-reviewer matrix has 870 cells, and each is sent twice (HTML and RSC payload).
 */
import type { PairFigures } from '@/lib/data/agreement';
import styles from './Agreement.module.css';

export const METRICS = {
  kappa: { label: "Cohen's κ", short: 'κ', pick: (p: PairFigures) => p.kappa },
  overlap: { label: 'Span F1 (overlap)', short: 'F1 overlap', pick: (p: PairFigures) => p.overlapF1 },
  exact: { label: 'Span F1 (exact)', short: 'F1 exact', pick: (p: PairFigures) => p.exactF1 },
  links: { label: 'Link F1', short: 'Links F1', pick: (p: PairFigures) => p.linkF1 },
} as const;
export type MetricKey = keyof typeof METRICS;

/** Two decimals; a figure that rounds to zero from below is 0.00, not "-0.00". */
export function formatScore(value: number | null): string {
  if (value === null) return '—';
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

/** The colour step of a figure: 0 (0 or below, red) to 10 (1, green); undefined (grey) when there is none. */
export function scoreStep(value: number | null): number | undefined {
  if (value === null) return undefined;
  return Math.round(10 * Math.max(0, Math.min(1, value)));
}

export function ScoreChip({ value, title }: { value: number | null; title?: string }) {
  return (
    <span className={`score-chip ${styles.chip}`} data-s={scoreStep(value)} title={title}>
      {formatScore(value)}
    </span>
  );
}
