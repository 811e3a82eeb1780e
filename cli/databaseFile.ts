/**
 * Database files for backup and restore: making a verified, self-contained copy through the
 * SQLite online backup API (never a file copy of a live database), and deciding whether a
 * file is a sound workbench database before it may replace the live one.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import { annotations, articles, events, links, memberships, projects, reviews, users } from '../lib/db/tables';
import { migrationsFolder } from '../lib/db/migrate';
import { CliError } from './support';

const REQUIRED_TABLES = ['__drizzle_migrations', ...[users, projects, memberships, articles, annotations, links, reviews, events].map(getTableName)];
const COUNTED = [users, projects, articles, annotations, links].map(getTableName);

export interface DatabaseSummary {
  bytes: number;
  counts: Record<string, number>;
}

function integrityProblems(db: Database.Database): string[] {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
}

function knownMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

function checkWorkbenchSchema(db: Database.Database, file: string): void {
  const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
  const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
  if (missing.length) throw new CliError(`${file} is not a workbench database (missing tables: ${missing.join(', ')}).`);
  const applied = (db.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
  if (applied > knownMigrations()) {
    throw new CliError(`${file} was made by a newer version of the workbench (${applied} migrations; this one knows ${knownMigrations()}).`);
  }
}

function summarize(db: Database.Database, file: string): DatabaseSummary {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) counts[table] = (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  return { bytes: fs.statSync(file).size, counts };
}

/**
 * Opens `file` read-only and proves it is a workbench database that passes integrity_check;
 * throws a CliError saying what is wrong otherwise. Returns its size and row counts.
 */
export function inspectDatabase(file: string): DatabaseSummary {
  if (!fs.existsSync(file)) throw new CliError(`${file}: no such file.`);
  if (!fs.statSync(file).isFile()) throw new CliError(`${file} is not a file.`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CliError(`${file} cannot be opened as a database (${(error as Error).message}).`);
  }
  try {
    let problems: string[];
    try {
      problems = integrityProblems(db);
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      if (code === 'SQLITE_NOTADB') throw new CliError(`${file} is not an SQLite database.`);
      throw new CliError(`${file} fails integrity_check: ${message}.`);
    }
    if (problems.length) throw new CliError(`${file} fails integrity_check: ${problems.slice(0, 3).join('; ')}`);
    checkWorkbenchSchema(db, file);
    return summarize(db, file);
  } finally {
    db.close();
  }
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Copies the open database `source` into the new file `target` with the online backup API,
 * turns the copy into a single self-contained file (journal_mode=DELETE), verifies it and
 * only then gives it its name, so `target` is either a good backup or absent.
 */
export async function backupInto(source: Database.Database, target: string): Promise<DatabaseSummary> {
  if (fs.existsSync(target)) throw new CliError(`${target} already exists; a backup never overwrites a file.`);
  if (!fs.existsSync(path.dirname(target))) throw new CliError(`The folder ${path.dirname(target)} does not exist.`);
  const partial = `${target}.partial-${process.pid}`;
  try {
    await source.backup(partial);
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const summary = inspectDatabase(partial);
    fs.renameSync(partial, target);
    return summary;
  } catch (error) {
    removeWithSidecars(partial);
    throw error;
  }
}

/** "5 users, 1 project, ..." for output. */
export function describeCounts(summary: DatabaseSummary): string {
  return Object.entries(summary.counts)
    .map(([table, n]) => `${n} ${n === 1 ? table.replace(/s$/, '') : table}`)
    .join(', ');
}
