/**
 * A built corpus kept between runs of bench:scale: after each size is built, the database is
 * written with VACUUM INTO to SCALE_CACHE_DIR (default $TMPDIR/workbench-scale-cache) with the
 * corpus description beside it; a later run with the same key copies it into its fresh
 * DATA_DIR instead of building again. The key is the corpus version, the per-article figures
 * and the list of migrations, so a change to any of them builds anew. SCALE_CACHE=0 turns it off.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb, getSqlite } from '../../lib/db/client';
import { PER_ARTICLE, type Corpus } from './corpus';

/** Bump when the corpus builder changes what it makes. */
export const CORPUS_VERSION = 'desk-3';

function folder(): string | null {
  if (process.env.SCALE_CACHE === '0') return null;
  const migrations = fs.readdirSync(path.join(__dirname, '..', '..', 'drizzle')).filter((f) => f.endsWith('.sql')).sort();
  const key = crypto.createHash('sha256').update(JSON.stringify([CORPUS_VERSION, PER_ARTICLE, migrations])).digest('hex').slice(0, 12);
  return path.join(process.env.SCALE_CACHE_DIR || path.join(os.tmpdir(), 'workbench-scale-cache'), `${CORPUS_VERSION}-${key}`);
}

const files = (dir: string, size: number) => ({ db: path.join(dir, `${size}.sqlite`), corpus: path.join(dir, `${size}.json`) });

/** Puts the cached corpus of `size` articles into `dataDir` and returns it, or null when none is cached. */
export function restoreCorpus(size: number, dataDir: string): Corpus | null {
  const dir = folder();
  if (!dir) return null;
  const f = files(dir, size);
  if (!fs.existsSync(f.db) || !fs.existsSync(f.corpus)) return null;
  void closeDb();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `workbench.sqlite${suffix}`), { force: true });
  fs.copyFileSync(f.db, path.join(dataDir, 'workbench.sqlite'));
  return JSON.parse(fs.readFileSync(f.corpus, 'utf8')) as Corpus;
}

/** Saves the current database and `corpus` as the cached corpus of `size` articles. */
export function saveCorpus(size: number, corpus: Corpus): void {
  const dir = folder();
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const f = files(dir, size);
  fs.rmSync(f.db, { force: true });
  getSqlite().exec(`VACUUM INTO '${f.db.replace(/'/g, "''")}'`);
  fs.writeFileSync(f.corpus, JSON.stringify(corpus));
}
