/**
 * Cancelling an export (the browser's AbortController, a CLI killed mid-way) cancels the
 * response stream, and that ends the export's read snapshot at once: until then SQLite cannot
 * truncate its write-ahead log past the snapshot, afterwards it can.
 */
import { describe, expect, it } from 'vitest';
import { exportProject } from '@/lib/data/exports';
import { importArticle } from '@/lib/data/articles';
import { toReadableStream } from '@/lib/export/stream';
import { getSqlite } from '@/lib/db/client';
import { makeProject, makeUser } from '../helpers';

/** Whether a TRUNCATE checkpoint could run to the end (no reader holds an older snapshot). */
function checkpointCompletes(): boolean {
  const sqlite = getSqlite();
  const timeout = sqlite.pragma('busy_timeout', { simple: true });
  sqlite.pragma('busy_timeout = 0');
  try {
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    return result.busy === 0;
  } finally {
    sqlite.pragma(`busy_timeout = ${Number(timeout)}`);
  }
}

describe('cancelling an export', () => {
  it('closes its snapshot as soon as the stream is cancelled', async () => {
    const lead = await makeUser();
    const project = await makeProject([[lead.user.id, 'lead']]);
    for (let n = 0; n < 4; n++) await importArticle({ actor: lead.actor, projectId: project.id, input: { title: `Long ${n}`, body: `Paragraph ${n}. `.repeat(8000) } });
    const { chunks } = await exportProject({ actor: lead.actor, projectId: project.id, request: { format: 'jsonl' }, baseUrl: 'http://localhost' });
    const reader = toReadableStream(chunks).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await importArticle({ actor: lead.actor, projectId: project.id, input: { title: 'Written meanwhile', body: 'A change after the snapshot.' } });
    expect(checkpointCompletes()).toBe(false);
    await reader.cancel();
    expect(checkpointCompletes()).toBe(true);
  });
});
