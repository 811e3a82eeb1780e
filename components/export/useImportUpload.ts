'use client';
/**
 * Sending files with upload progress and Cancel (uploadWithProgress: fetch cannot report how
 * much of a request body has gone), then the wait for the server's all-or-nothing write.
 */
import { useRef, useState } from 'react';
import type { ProgressState } from '@/lib/progress';
import type { Outcome } from './ImportResults';
import { uploadWithProgress } from './uploadWithProgress';

/** While an upload runs: its progress, then (all sent) the wait for the server's all-or-nothing write. */
export type Upload = { kind: 'sending'; progress: ProgressState } | { kind: 'saving'; files: number };

type ErrorBody = { error?: { message?: string; details?: { files?: Array<{ file: string; line: number | null; message: string }> } } } | null;

/** The outcome of an answered import request. */
function outcomeOf(status: number, body: unknown): Outcome {
  if (status >= 200 && status < 300) return { kind: 'ok', result: body as Extract<Outcome, { kind: 'ok' }>['result'] };
  const error = (body as ErrorBody)?.error;
  return { kind: 'error', message: error?.message ?? `The import failed (HTTP ${status}).`, files: error?.details?.files ?? [] };
}

const BROKE_OFF: Outcome = { kind: 'error', message: 'The connection broke off. Nothing was imported; try again.', files: [] };
const CANCELLED: Outcome = { kind: 'error', message: 'Import cancelled while uploading. Nothing was imported.', files: [] };

export function useImportUpload(url: string) {
  const [upload, setUpload] = useState<Upload | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function send(files: File[]): Promise<Outcome> {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const abort = new AbortController();
    controller.current = abort;
    const sizes = files.map((f) => f.size);
    setUpload({ kind: 'sending', progress: { done: 0, total: files.length, bytes: 0, totalBytes: sizes.reduce((n, s) => n + s, 0), elapsedMs: 0 } });
    try {
      const answer = await uploadWithProgress(url, form, sizes, (progress) => {
        setUpload(progress.done === files.length ? { kind: 'saving', files: files.length } : { kind: 'sending', progress });
      }, abort.signal);
      return outcomeOf(answer.status, answer.body);
    } catch {
      return abort.signal.aborted ? CANCELLED : BROKE_OFF;
    } finally {
      controller.current = null;
      setUpload(null);
    }
  }

  return { upload, send, cancel: () => controller.current?.abort() };
}
