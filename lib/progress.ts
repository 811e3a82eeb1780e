/**
 * Progress of long work (exports, import batches) in the words the UI and the CLI both show:
 * "1,200 of 5,000 records · 3.4 MB · about 8 s left". Pure, so both sides say the same and
 * it is tested without a browser or a terminal.
 */

export interface ProgressState {
  /** Records done so far (lines, files...). */
  done: number;
  /** Records in all, when known before the work ends. */
  total: number | null;
  bytes: number;
  /** Bytes in all, when known (an upload knows its size). */
  totalBytes?: number | null;
  elapsedMs: number;
}

/**
 * Time left by the average rate so far; null until there is a total, some progress and a
 * second of history (earlier estimates jump around too much to help anyone).
 */
export function estimateTimeLeftMs(done: number, total: number | null, elapsedMs: number): number | null {
  if (total === null || done <= 0 || elapsedMs < 1000) return null;
  if (done >= total) return 0;
  return Math.round((elapsedMs * (total - done)) / done);
}

/** "about 8 s left", "about 3 min left", "about 1 h 5 min left". */
export function formatTimeLeft(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** "1.2 MB" style sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Whole percent done (by records, else by bytes), or null when no total is known. */
export function percentDone(p: ProgressState): number | null {
  if (p.total) return Math.min(100, Math.floor((p.done / p.total) * 100));
  if (p.totalBytes) return Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100));
  return null;
}

/**
 * The one-line summary, e.g. "1,200 of 5,000 records · 3.4 MB · about 8 s left". `unit` null
 * leaves the count out (a zip's records cannot be counted as it streams).
 */
export function describeProgress(p: ProgressState, unit: string | null = 'records'): string {
  const count = unit === null ? null : p.total === null ? `${p.done.toLocaleString('en')} ${unit}` : `${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} ${unit}`;
  const size = p.totalBytes ? `${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)}` : formatBytes(p.bytes);
  const byRecords = estimateTimeLeftMs(p.done, p.total, p.elapsedMs);
  const left = byRecords ?? (p.totalBytes ? estimateTimeLeftMs(p.bytes, p.totalBytes, p.elapsedMs) : null);
  return [count, size, left === null ? null : formatTimeLeft(left)].filter(Boolean).join(' · ');
}
