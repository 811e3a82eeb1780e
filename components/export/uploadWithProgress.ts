/**
 * Sends an import batch with upload progress. fetch() cannot report how much of a request
 * body has been sent, XMLHttpRequest can: files done of the total (by their sizes), bytes and
 * time left, and abort() as Cancel. The batch is all or nothing on the server, so a batch
 * cancelled while it uploads imports nothing.
 */
import type { ProgressState } from '@/lib/progress';

export interface UploadAnswer {
  status: number;
  body: unknown;
}

/** How many files are fully sent once `fraction` of the body is (sizes in upload order). */
export function filesSent(sizes: number[], fraction: number): number {
  const total = sizes.reduce((n, s) => n + s, 0);
  let cumulative = 0;
  let done = 0;
  for (const size of sizes) {
    cumulative += size;
    if (cumulative <= fraction * total + 0.5) done++;
    else break;
  }
  return done;
}

export function uploadWithProgress(url: string, form: FormData, sizes: number[], onProgress: (p: ProgressState) => void, signal: AbortSignal): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const started = performance.now();
    const totalBytes = sizes.reduce((n, s) => n + s, 0);
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      const fraction = event.lengthComputable && event.total ? event.loaded / event.total : 0;
      onProgress({ done: filesSent(sizes, fraction), total: sizes.length, bytes: Math.round(fraction * totalBytes), totalBytes, elapsedMs: performance.now() - started });
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
