'use client';
/** Where an export stands: a progress bar with bytes and records while it streams, then done or the error. */
import { formatBytes, type Progress } from './exportProgress';
import styles from './ExportForm.module.css';

export type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; progress: Progress; expected: number | null }
  | { kind: 'done'; url: string; fileName: string; progress: Progress }
  | { kind: 'error'; message: string };

export function ExportStatus({ phase, countsRecords }: { phase: Phase; countsRecords: boolean }) {
  const percent = phase.kind === 'running' && phase.expected ? Math.min(100, Math.round((phase.progress.records / phase.expected) * 100)) : null;
  return (
    <div aria-live="polite" className={styles.progress}>
      {phase.kind === 'running' && (
        <div>
          <div className={styles.bar} role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined}>
            <div className={styles.barFill} style={{ width: `${percent ?? 35}%` }} />
          </div>
          <span className={styles.stats}>
            {formatBytes(phase.progress.bytes)}{countsRecords && ` · ${phase.progress.records.toLocaleString()} ${phase.expected ? `of ${phase.expected.toLocaleString()} ` : ''}records`}
          </span>
        </div>
      )}
      {phase.kind === 'done' && <div className="alert alert-ok">Export ready: {phase.fileName}, {formatBytes(phase.progress.bytes)}.</div>}
      {phase.kind === 'error' && <div className="alert alert-error" role="alert">{phase.message}</div>}
    </div>
  );
}
