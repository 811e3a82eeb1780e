'use client';

import { useEffect, useRef, useState } from 'react';
import { formatBytes } from './exportProgress';
import { ExportFilters, type FilterChoices } from './ExportFilters';
import { ProgressPanel } from './ProgressPanel';
import { ClaimReviewReport } from './ClaimReviewReport';
import { useStreamedExport } from './useStreamedExport';
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
  const { phase, start, cancel } = useStreamedExport(projectId);
  const link = useRef<HTMLAnchorElement>(null);
  const doneUrl = phase.kind === 'done' ? phase.url : null;

  // Start the download once the link for this export is on the page.
  useEffect(() => {
    if (doneUrl) link.current?.click();
  }, [doneUrl]);

  function run(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void start(queryFrom(event.currentTarget), `export.${formats.find((f) => f.key === format)?.extension ?? 'txt'}`);
  }

  const running = phase.kind === 'running';
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
        <ExportFilters projectId={projectId} articles={articles} members={members} />
      </div>
      <div className={styles.actions}>
        <button type="submit" className="btn btn-primary" disabled={running}>{running ? 'Exporting…' : 'Export'}</button>
        {phase.kind === 'done' && (
          <a ref={link} href={phase.url} download={phase.fileName} className="btn">Download {phase.fileName} ({formatBytes(phase.blob.size)})</a>
        )}
      </div>
      <div aria-live="polite" className={styles.progress}>
        {running && <ProgressPanel label="Export progress" progress={phase.progress} unit={phase.countsRecords ? 'records' : null} onCancel={cancel} />}
        {phase.kind === 'done' && <div className="alert alert-ok">Export ready: {phase.fileName}, {formatBytes(phase.blob.size)}.</div>}
        {phase.kind === 'cancelled' && <div className="alert" role="status">Export cancelled. Nothing was saved.</div>}
        {phase.kind === 'error' && <div className="alert alert-error" role="alert">{phase.message}</div>}
      </div>
      {phase.kind === 'done' && phase.fileName.endsWith('.claimreview.zip') && <ClaimReviewReport projectId={projectId} blob={phase.blob} />}
    </form>
  );
}
