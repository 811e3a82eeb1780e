/**
 * Reads an export response as it streams, reporting bytes and records so far. Records are
 * counted as line breaks (one per article in JSONL, per annotation row in CSV, per item in
 * W3C, per claim in FEVER / ClaimReview); brat is a zip, so only bytes are counted.
 */
export interface Progress {
  bytes: number;
  records: number;
}

export async function readWithProgress(response: Response, countLines: boolean, onProgress: (p: Progress) => void): Promise<Blob> {
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  const progress: Progress = { bytes: 0, records: 0 };
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    progress.bytes += value.byteLength;
    if (countLines) for (let i = 0; i < value.length; i++) if (value[i] === 10) progress.records++;
    const now = performance.now();
    if (now - last > 100) {
      onProgress({ ...progress });
      last = now;
    }
  }
  onProgress({ ...progress });
  return new Blob(parts as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' });
}

/** "1.2 MB" style sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file name from a Content-Disposition header. */
export function fileNameFrom(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}
