'use client';

import { useRef, useState } from 'react';
import Link from 'next/link';
import type { ProgressState } from '@/lib/progress';
import { ImportResults, type Outcome } from './ImportResults';
import { formatBytes } from './exportProgress';
import { ProgressPanel } from './ProgressPanel';
import { uploadWithProgress } from './uploadWithProgress';
import styles from './ImportForm.module.css';

type Mode = 'upload' | 'paste';

type ErrorBody = { error?: { message?: string; details?: { files?: Array<{ file: string; line: number | null; message: string }> } } } | null;

/** The outcome of an answered import request. */
function outcomeOf(status: number, body: unknown): Outcome {
  if (status >= 200 && status < 300) return { kind: 'ok', result: body as Extract<Outcome, { kind: 'ok' }>['result'] };
  const error = (body as ErrorBody)?.error;
  return { kind: 'error', message: error?.message ?? `The import failed (HTTP ${status}).`, files: error?.details?.files ?? [] };
}

const BROKE_OFF: Outcome = { kind: 'error', message: 'The connection broke off. Nothing was imported; try again.', files: [] };

async function send(url: string, init: RequestInit): Promise<Outcome> {
  try {
    const response = await fetch(url, init);
    return outcomeOf(response.status, await response.json().catch(() => null));
  } catch {
    return BROKE_OFF;
  }
}

/** While an upload runs: its progress, then (all sent) the wait for the server's all-or-nothing write. */
type Upload = { kind: 'sending'; progress: ProgressState } | { kind: 'saving'; files: number };

function pasteArticle(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (key: string) => String(data.get(key) ?? '').trim() || undefined;
  return { title: text('title') ?? '', body: String(data.get('body') ?? ''), outlet: text('outlet'), url: text('url'), author: text('author'), publishedAt: text('publishedAt') };
}

/** Upload files or paste a text; shows what happened to each file. */
export function ImportForm({ projectId }: { projectId: number }) {
  const [mode, setMode] = useState<Mode>('upload');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const cancelUpload = useRef<AbortController | null>(null);
  const url = `/api/projects/${projectId}/imports`;

  async function uploadFiles(): Promise<Outcome> {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const abort = new AbortController();
    cancelUpload.current = abort;
    const sizes = files.map((f) => f.size);
    setUpload({ kind: 'sending', progress: { done: 0, total: files.length, bytes: 0, totalBytes: sizes.reduce((n, s) => n + s, 0), elapsedMs: 0 } });
    try {
      const answer = await uploadWithProgress(url, form, sizes, (progress) => {
        setUpload(progress.done === files.length ? { kind: 'saving', files: files.length } : { kind: 'sending', progress });
      }, abort.signal);
      return outcomeOf(answer.status, answer.body);
    } catch {
      return abort.signal.aborted ? { kind: 'error', message: 'Import cancelled while uploading. Nothing was imported.', files: [] } : BROKE_OFF;
    } finally {
      cancelUpload.current = null;
      setUpload(null);
    }
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    const formElement = event.currentTarget;
    let result: Outcome;
    if (mode === 'upload') {
      result = await uploadFiles();
    } else {
      const article = pasteArticle(formElement);
      result = await send(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ articles: [article] }) });
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
        ) : (
          <div className="stack">
            <div className={styles.grid}>
              <label className="field">Title<input type="text" name="title" maxLength={500} /></label>
              <label className="field">Outlet<input type="text" name="outlet" maxLength={200} /></label>
              <label className="field">Address (URL)<input type="url" name="url" placeholder="https://" /></label>
              <label className="field">Author<input type="text" name="author" maxLength={300} /></label>
              <label className="field">Published<input type="date" name="publishedAt" /></label>
            </div>
            <label className="field">Text<textarea name="body" required className={styles.body} placeholder="Paste the article text exactly as published." /></label>
          </div>
        )}
        <div className={styles.actions}>
          <button type="submit" className="btn btn-primary" disabled={busy || (mode === 'upload' && files.length === 0)}>{busy ? 'Importing…' : 'Import'}</button>
          <Link href={`/projects/${projectId}`} className="btn">Back to articles</Link>
        </div>
        <div aria-live="polite">
          {upload?.kind === 'sending' && <ProgressPanel label="Upload progress" progress={upload.progress} unit="files" onCancel={() => cancelUpload.current?.abort()} />}
          {upload?.kind === 'saving' && <p className="muted" role="status">All {upload.files} {upload.files === 1 ? 'file' : 'files'} sent; checking and saving the batch (all or nothing)…</p>}
        </div>
      </form>
      {outcome && <ImportResults projectId={projectId} outcome={outcome} />}
    </>
  );
}
