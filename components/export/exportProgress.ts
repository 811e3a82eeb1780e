/**
 * Reads an export response as it streams, reporting records and bytes so far. Records are
 * counted as line breaks (one per article in JSONL, per annotation row in CSV, per item in
 * W3C); the total comes from the X-Export-Lines header the server fixes from its snapshot's
 * counts. Zips (brat, FEVER, ClaimReview) are counted in bytes only. Aborting the fetch's
 * signal rejects the read, and the server closes its snapshot.
 */
import type { ProgressState } from '@/lib/progress';

export { formatBytes } from '@/lib/progress';

export async function readWithProgress(response: Response, countLines: boolean, onProgress: (p: ProgressState) => void): Promise<Blob> {
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  const started = performance.now();
  const total = countLines ? Number(response.headers.get('x-export-lines')) || null : null;
  const progress: ProgressState = { done: 0, total, bytes: 0, elapsedMs: 0 };
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    progress.bytes += value.byteLength;
    if (countLines) for (let i = 0; i < value.length; i++) if (value[i] === 10) progress.done++;
    const now = performance.now();
    if (now - last > 100) {
      onProgress({ ...progress, elapsedMs: now - started });
      last = now;
    }
  }
  onProgress({ ...progress, elapsedMs: performance.now() - started });
  return new Blob(parts as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' });
}

/** The file name from a Content-Disposition header. */
export function fileNameFrom(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}
