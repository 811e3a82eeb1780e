'use client';

import { useCallback, useRef, useState } from 'react';
import type { ProgressState } from '@/lib/progress';
import { ApiError, apiResponse } from '@/lib/client/api';
import { fileNameFrom, readWithProgress } from './exportProgress';

export type ExportPhase =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ProgressState; countsRecords: boolean }
  | { kind: 'done'; blob: Blob; url: string; fileName: string }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

const STARTING: ProgressState = { done: 0, total: null, bytes: 0, elapsedMs: 0 };

/**
 * Runs one export as a streamed fetch: progress while the body arrives (records of the
 * total the server announced, bytes, time left), Cancel through an AbortController (the
 * server stops and closes its snapshot), and the finished file as a Blob to save.
 */
export function useStreamedExport(projectId: number) {
  const [phase, setPhase] = useState<ExportPhase>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(async (query: URLSearchParams, fallbackName: string) => {
    setPhase((previous) => {
      if (previous.kind === 'done') URL.revokeObjectURL(previous.url);
      return { kind: 'running', progress: STARTING, countsRecords: true };
    });
    const abort = new AbortController();
    controller.current = abort;
    try {
      const response = await apiResponse(`/api/projects/${projectId}/export?${query}`, { signal: abort.signal });
      const countsRecords = !(response.headers.get('content-type') ?? '').startsWith('application/zip');
      const blob = await readWithProgress(response, countsRecords, (progress) => setPhase({ kind: 'running', progress, countsRecords }));
      setPhase({ kind: 'done', blob, url: URL.createObjectURL(blob), fileName: fileNameFrom(response, fallbackName) });
    } catch (error) {
      if (abort.signal.aborted) setPhase({ kind: 'cancelled' });
      else if (error instanceof ApiError && error.code !== 'unreachable') setPhase({ kind: 'error', message: error.message });
      else setPhase({ kind: 'error', message: 'The connection broke off during the export. Try again.' });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }, [projectId]);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { phase, start, cancel };
}
