/** Shared presentation of agreement figures: two decimals and a red-amber-green cell colour. */
import type { CSSProperties } from 'react';
import type { PairFigures } from '@/lib/data/agreement';

export const METRICS = {
  kappa: { label: "Cohen's κ", short: 'κ', pick: (p: PairFigures) => p.kappa },
  overlap: { label: 'Span F1 (overlap)', short: 'F1 overlap', pick: (p: PairFigures) => p.overlapF1 },
  exact: { label: 'Span F1 (exact)', short: 'F1 exact', pick: (p: PairFigures) => p.exactF1 },
  links: { label: 'Link F1', short: 'Links F1', pick: (p: PairFigures) => p.linkF1 },
} as const;
export type MetricKey = keyof typeof METRICS;

export function formatScore(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** Red (0 or below) through amber to green (1); grey when there is no figure. */
export function scoreStyle(value: number | null): CSSProperties {
  if (value === null) return { background: 'var(--surface-2)', color: 'var(--muted)' };
  const hue = Math.round(120 * Math.max(0, Math.min(1, value)));
  return { background: `hsl(${hue} 65% 88%)`, color: `hsl(${hue} 70% 22%)` };
}

export function ScoreChip({ value, title }: { value: number | null; title?: string }) {
  return (
    <span className="score-chip" style={{ ...scoreStyle(value), display: 'inline-block', minWidth: '3.2rem', textAlign: 'center', borderRadius: 6, padding: '0.15rem 0.45rem', fontWeight: 600, fontVariantNumeric: 'tabular-nums' }} title={title}>
      {formatScore(value)}
    </span>
  );
}
