'use client';

import { describeProgress, percentDone, type ProgressState } from '@/lib/progress';
import styles from './ExportForm.module.css';

interface Props {
  /** What is running, for the progress bar's accessible name ("Export progress"). */
  label: string;
  progress: ProgressState;
  /** What is counted ("records", "files"); null when only bytes are known. */
  unit: string | null;
  /** Shown as a Cancel button while the work can still be stopped. */
  onCancel?: () => void;
}

/** A progress bar with "done of total · size · time left" and a Cancel button. */
export function ProgressPanel({ label, progress, unit, onCancel }: Props) {
  const percent = percentDone(progress);
  return (
    <div className={styles.running}>
      <div className={styles.bar} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined} aria-valuetext={describeProgress(progress, unit)}>
        <div className={percent === null ? `${styles.barFill} ${styles.barBusy}` : styles.barFill} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <div className={styles.runningRow}>
        <span className={styles.stats} data-testid="progress-stats">{percent === null ? '' : `${percent}% · `}{describeProgress(progress, unit)}</span>
        {onCancel && <button type="button" className="btn" onClick={onCancel}>Cancel</button>}
      </div>
    </div>
  );
}
