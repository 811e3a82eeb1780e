/** Runs an export to completion and returns it as text or bytes (tests only). */
import { exportProject, type ExportRequest } from '@/lib/data/exports';
import type { Actor } from '@/lib/data/actor';
import { collectBytes, collectText } from '@/lib/export/stream';

export { collectBytes, collectText };

export const BASE = 'https://desk.example.org';

export async function exportBytes(actor: Actor, projectId: number, request: ExportRequest): Promise<Uint8Array> {
  const stream = await exportProject({ actor, projectId, request, baseUrl: BASE });
  return new Uint8Array(await collectBytes(stream.chunks));
}

export async function exportText(actor: Actor, projectId: number, request: ExportRequest): Promise<string> {
  return Buffer.from(await exportBytes(actor, projectId, request)).toString('utf8');
}

/** A strict RFC 4180 parser: enough to read our CSV back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 2;
    } else if (quoted && c === '"') {
      quoted = false;
      i++;
    } else if (quoted) {
      field += c;
      i++;
    } else if (c === '"') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
