'use client';

import { useEffect, useRef, useState } from 'react';
import { fileNameFrom, formatBytes, readWithProgress, type Progress } from './exportProgress';
import { ExportFilters, type FilterChoices } from './ExportFilters';
import styles from './ExportForm.module.css';

export interface FormatChoice {
  key: string;
  title: string;
  description: string;
  extension: string;
}

interface Props extends FilterChoices {
  projectId: number;
  formats: FormatChoice[];
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; progress: Progress; expected: number | null }
  | { kind: 'done'; url: string; fileName: string; progress: Progress }
  | { kind: 'error'; message: string };

function queryFrom(form: HTMLFormElement): URLSearchParams {
  const data = new FormData(form);
  const query = new URLSearchParams({ format: String(data.get('format')) });
  for (const key of ['status', 'label', 'author', 'articles']) {
    const values = data.getAll(key).map(String).filter(Boolean);
    if (values.length) query.set(key, values.join(','));
  }
  return query;
}

/** Format and filters, then a streamed export with live progress and the download link. */
export function ExportForm({ projectId, formats, articles, members }: Props) {
  const [format, setFormat] = useState(formats[0]?.key ?? 'jsonl');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const link = useRef<HTMLAnchorElement>(null);
  const doneUrl = phase.kind === 'done' ? phase.url : null;
  const countsRecords = formats.find((f) => f.key === format)?.extension !== 'zip';

  // Start the download once the link for this export is on the page.
  useEffect(() => {
    if (doneUrl) link.current?.click();
  }, [doneUrl]);

  async function run(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (phase.kind === 'done') URL.revokeObjectURL(phase.url);
    const query = queryFrom(event.currentTarget);
    setPhase({ kind: 'running', progress: { bytes: 0, records: 0 }, expected: null });
    try {
      const response = await fetch(`/api/projects/${projectId}/export?${query}`);
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setPhase({ kind: 'error', message: body?.error?.message ?? `The export failed (HTTP ${response.status}).` });
        return;
      }
      const expected = Number(response.headers.get('x-export-lines')) || null;
      const blob = await readWithProgress(response, countsRecords, (progress) => setPhase({ kind: 'running', progress, expected }));
      const fileName = fileNameFrom(response, `export.${formats.find((f) => f.key === format)?.extension ?? 'txt'}`);
      const url = URL.createObjectURL(blob);
      setPhase({ kind: 'done', url, fileName, progress: { bytes: blob.size, records: 0 } });
    } catch {
      setPhase({ kind: 'error', message: 'The connection broke off during the export. Try again.' });
    }
  }

  const running = phase.kind === 'running';
  const percent = running && phase.expected ? Math.min(100, Math.round((phase.progress.records / phase.expected) * 100)) : null;
  return (
    <form onSubmit={run} aria-label="Export the dataset">
      <div className={styles.layout}>
        <section className="card" aria-labelledby="export-format-title">
          <h2 id="export-format-title" className={styles.cardTitle}>Format</h2>
          <fieldset className={styles.formats}>
            <legend className="sr-only">Format</legend>
            {formats.map((f) => (
              <label key={f.key} className={`${styles.format} ${format === f.key ? styles.formatChosen : ''}`}>
                <input type="radio" name="format" value={f.key} checked={format === f.key} onChange={() => setFormat(f.key)} />
                <span>
                  <span className={styles.formatTitle}>{f.title}</span>
                  <span className={styles.formatText}>{f.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </section>
        <ExportFilters articles={articles} members={members} />
      </div>
      <div className={styles.actions}>
        <button type="submit" className="btn btn-primary" disabled={running}>{running ? 'Exporting…' : 'Export'}</button>
        {phase.kind === 'done' && (
          <a ref={link} href={phase.url} download={phase.fileName} className="btn">Download {phase.fileName} ({formatBytes(phase.progress.bytes)})</a>
        )}
      </div>
      <div aria-live="polite" className={styles.progress}>
        {running && (
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
    </form>
  );
}
