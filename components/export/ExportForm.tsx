'use client';

import { useEffect, useRef, useState } from 'react';
import { ApiError, apiResponse } from '@/lib/client/api';
import { fileNameFrom, formatBytes, readWithProgress } from './exportProgress';
import { ExportFilters, type FilterChoices } from './ExportFilters';
import { ExportStatus, type Phase } from './ExportStatus';
import { FormatChoices, type FormatChoice } from './FormatChoices';
import styles from './ExportForm.module.css';

export type { FormatChoice } from './FormatChoices';

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

const BROKE_OFF = 'The connection broke off during the export. Try again.';

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
      const response = await apiResponse(`/api/projects/${projectId}/export?${query}`);
      const expected = Number(response.headers.get('x-export-lines')) || null;
      const blob = await readWithProgress(response, countsRecords, (progress) => setPhase({ kind: 'running', progress, expected }));
      const fileName = fileNameFrom(response, `export.${formats.find((f) => f.key === format)?.extension ?? 'txt'}`);
      const url = URL.createObjectURL(blob);
      setPhase({ kind: 'done', url, fileName, progress: { bytes: blob.size, records: 0 } });
    } catch (error) {
      setPhase({ kind: 'error', message: error instanceof ApiError && error.code !== 'unreachable' ? error.message : BROKE_OFF });
    }
  }

  const running = phase.kind === 'running';
  return (
    <form onSubmit={run} aria-label="Export the dataset">
      <div className={styles.layout}>
        <FormatChoices formats={formats} format={format} onFormat={setFormat} />
        <ExportFilters articles={articles} members={members} />
      </div>
      <div className={styles.actions}>
        <button type="submit" className="btn btn-primary" disabled={running}>{running ? 'Exporting…' : 'Export'}</button>
        {phase.kind === 'done' && (
          <a ref={link} href={phase.url} download={phase.fileName} className="btn">Download {phase.fileName} ({formatBytes(phase.progress.bytes)})</a>
        )}
      </div>
      <ExportStatus phase={phase} countsRecords={countsRecords} />
    </form>
  );
}
