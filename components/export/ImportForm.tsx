'use client';

import { useState } from 'react';
import Link from 'next/link';
import { ImportResults, type Outcome } from './ImportResults';
import { ImportSummary } from './ImportSummary';
import { pasteArticle, sendImport } from './importRequest';
import { PasteFields } from './PasteFields';
import { UrlField } from './UrlField';
import { formatBytes } from './exportProgress';
import { ProgressPanel } from './ProgressPanel';
import { useImportUpload } from './useImportUpload';
import styles from './ImportForm.module.css';

type Mode = 'upload' | 'paste' | 'url';

/** Upload files (with progress and Cancel), paste a text or give a web address; shows what happened to each file. */
export function ImportForm({ projectId }: { projectId: number }) {
  const [mode, setMode] = useState<Mode>('upload');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const url = `/api/projects/${projectId}/imports`;
  const { upload, send, cancel } = useImportUpload(url);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    const formElement = event.currentTarget;
    let result: Outcome;
    if (mode === 'upload') {
      result = await send(files);
    } else if (mode === 'url') {
      result = await sendImport(url, { url: String(new FormData(formElement).get('pageUrl') ?? '').trim() });
    } else {
      result = await sendImport(url, { articles: [pasteArticle(formElement)] });
      if (result.kind === 'error') result = { ...result, message: result.message.replace(/request\.jsonl, line \d+: /, 'the pasted text: ') };
    }
    if (result.kind === 'ok') {
      formElement.reset();
      setFiles([]);
    }
    setOutcome(result);
    setBusy(false);
  }

  return (
    <>
      <form onSubmit={submit} className="card" aria-label="Import articles">
        <div role="tablist" className={styles.tabs}>
          <button type="button" role="tab" className={styles.tab} aria-selected={mode === 'upload'} onClick={() => { setMode('upload'); setOutcome(null); }}>Upload files</button>
          <button type="button" role="tab" className={styles.tab} aria-selected={mode === 'paste'} onClick={() => { setMode('paste'); setOutcome(null); }}>Paste text</button>
          <button type="button" role="tab" className={styles.tab} aria-selected={mode === 'url'} onClick={() => { setMode('url'); setOutcome(null); }}>Web address</button>
        </div>
        {mode === 'upload' ? (
          <div className={styles.drop}>
            <label className="field" style={{ alignItems: 'center' }}>
              Files to import
              <input type="file" name="files" multiple accept=".txt,.md,.html,.htm,.json,.jsonl" onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []))} />
            </label>
            {files.length > 0 && (
              <ul className={styles.fileList}>
                {files.map((f) => <li key={f.name}><span>{f.name}</span><span className="muted">{formatBytes(f.size)}</span></li>)}
              </ul>
            )}
          </div>
        ) : mode === 'url' ? (
          <UrlField />
        ) : (
          <PasteFields />
        )}
        <div className={styles.actions}>
          <button type="submit" className="btn btn-primary" disabled={busy || (mode === 'upload' && files.length === 0)}>{busy ? (mode === 'url' ? 'Fetching…' : 'Importing…') : 'Import'}</button>
          <Link href={`/projects/${projectId}`} className="btn">Back to articles</Link>
        </div>
        {outcome && <ImportSummary projectId={projectId} outcome={outcome} />}
        <div aria-live="polite">
          {upload?.kind === 'sending' && <ProgressPanel label="Upload progress" progress={upload.progress} unit="files" onCancel={cancel} />}
          {upload?.kind === 'saving' && <p className="muted" role="status">All {upload.files} {upload.files === 1 ? 'file' : 'files'} sent; checking and saving the batch (all or nothing)…</p>}
        </div>
      </form>
      {/* A single error is already said at the form (ImportSummary); a batch's per-file errors follow here. */}
      {outcome && (outcome.kind === 'ok' || outcome.files.length > 1) && <ImportResults projectId={projectId} outcome={outcome} />}
    </>
  );
}
