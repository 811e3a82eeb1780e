/**
 * Cancelling an export (the browser's AbortController, a CLI killed mid-way) cancels the
 * response stream, and that ends the export's read snapshot at once: until then SQLite cannot
 * truncate its write-ahead log past the snapshot, afterwards it can.
 */
import { describe, expect, it } from 'vitest';
import { exportProject } from '@/lib/data/exports';
import { importArticle } from '@/lib/data/articles';
import { sentenceIndexIdle } from '@/lib/data/sentenceIndex';
import { toReadableStream } from '@/lib/export/stream';
import { getDb, getSqlite } from '@/lib/db/client';
import { onPostgres } from '@/lib/db/engine';
import { sqlFirst } from '@/lib/db/query';
import { sql } from 'drizzle-orm';
import { makeProject, makeUser } from '../helpers';

/**
 * Whether no export snapshot is open. SQLite: a TRUNCATE checkpoint could run to the end (no
 * reader holds an older snapshot). PostgreSQL: no session of this database sits idle in a
 * transaction (the export's REPEATABLE READ snapshot between two reads).
 */
async function snapshotReleased(): Promise<boolean> {
  if (!onPostgres()) return checkpointCompletes();
  // Sentence indexing after the import runs transactions of its own: wait for it first.
  await sentenceIndexIdle();
  const row = await sqlFirst<{ n: number }>(getDb(), sql`select count(*) as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
  return Number(row?.n) === 0;
}

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
    expect(await snapshotReleased()).toBe(false);
    await reader.cancel();
    expect(await snapshotReleased()).toBe(true);
  });
});
