/**
 * The baseline: the least code that writes the same native JSONL lines straight from
 * better-sqlite3 (one read connection, per-article queries, JSON.stringify, writeSync),
 * unsigned: the signature is the one thing only ours writes.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { databasePath } from '../../lib/config';
import { codePointMapper } from '../../lib/anchoring/units';

export interface RunResult {
  rows: number;
  lines: number;
  bytes: number;
  seconds: number;
  /** CPU time of this process (user + system) over the run: what load from others inflates least. */
  cpuSeconds: number;
  rowsPerSecond: number;
}

/** Rows as better-sqlite3 returns them (snake_case columns, times in ms, booleans as 0/1). */
interface ArticleRow { id: number; title: string; outlet: string | null; url: string | null; author: string | null; published_at: string | null; sha256: string; imported_at: number; body: string; current_revision: number }
interface ReviewRow { id: number; annotation_id: number; reviewer_id: number; reviewer_name: string; decision: string; reason: string; is_final: number; target_version: number; created_at: number; superseded_at: number | null }
interface AnnotationRow { id: number; label: string; start: number; end: number; exact: string; prefix: string; suffix: string; note: string; attributes: string; status: string; version: number; author_id: number; author_name: string; created_at: number; updated_at: number; revision: number; anchor_state: string; anchor_score: number }
interface LinkRow { id: number; from_annotation_id: number; to_annotation_id: number; relation: string; note: string; status: string; version: number; author_id: number; author_name: string; created_at: number; updated_at: number }
const iso = (ms: number) => new Date(ms).toISOString();
export const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

export function bareScan(outFile: string, sample: () => void): RunResult {
  const db = new Database(databasePath(), { readonly: true });
  const fd = fs.openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const anns = db.prepare('select a.*, u.name as author_name from annotations a join users u on u.id = a.author_id where a.article_id = ? and a.deleted_at is null order by a.start, a.id');
  const revs = db.prepare('select r.*, u.name as reviewer_name from reviews r join annotations a on a.id = r.annotation_id join users u on u.id = r.reviewer_id where a.article_id = ? order by r.id');
  const revisionSha = db.prepare('select sha256 from article_revisions where article_id = ? and number = ?').pluck();
  const links = db.prepare('select l.*, u.name as author_name from links l join annotations fa on fa.id = l.from_annotation_id join users u on u.id = l.author_id where fa.article_id = ? and l.deleted_at is null order by l.id');
  let rows = 0;
  let lines = 1;
  let bytes = fs.writeSync(fd, '{"type":"manifest"}\n');
  for (const art of db.prepare('select * from articles where project_id = 1 order by id').iterate() as Iterable<ArticleRow>) {
    const toCp = codePointMapper(art.body);
    const revisionSha256 = revisionSha.get(art.id, art.current_revision) as string;
    const byAnn = new Map<number, object[]>();
    for (const r of revs.all(art.id) as ReviewRow[]) {
      const review = { id: r.id, reviewer: { id: r.reviewer_id, name: r.reviewer_name }, decision: r.decision, reason: r.reason, isFinal: !!r.is_final, targetVersion: r.target_version, createdAt: iso(r.created_at), supersededAt: r.superseded_at ? iso(r.superseded_at) : null };
      (byAnn.get(r.annotation_id) ?? byAnn.set(r.annotation_id, []).get(r.annotation_id)!).push(review);
    }
    const annotations = (anns.all(art.id) as AnnotationRow[]).map((a) => ({
      id: a.id, label: a.label, start: a.start, end: a.end, startCp: toCp(a.start), endCp: toCp(a.end), exact: a.exact, prefix: a.prefix, suffix: a.suffix, note: a.note,
      attributes: JSON.parse(a.attributes), status: a.status, version: a.version, author: { id: a.author_id, name: a.author_name }, createdAt: iso(a.created_at), updatedAt: iso(a.updated_at),
      reviews: byAnn.get(a.id) ?? [], verdicts: [], revision: a.revision, revisionSha256, anchor: { state: a.anchor_state, score: a.anchor_score },
    }));
    rows += annotations.length;
    const linkRows = (links.all(art.id) as LinkRow[]).map((l) => ({ id: l.id, fromAnnotationId: l.from_annotation_id, toAnnotationId: l.to_annotation_id, relation: l.relation, note: l.note, status: l.status, version: l.version, author: { id: l.author_id, name: l.author_name }, createdAt: iso(l.created_at), updatedAt: iso(l.updated_at), reviews: [] }));
    const line = JSON.stringify({ type: 'article', id: art.id, title: art.title, outlet: art.outlet, url: art.url, author: art.author, publishedAt: art.published_at, sha256: art.sha256, importedAt: iso(art.imported_at), body: art.body, annotations, links: linkRows }) + '\n';
    bytes += fs.writeSync(fd, line);
    lines++;
    sample();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = cpuSince(cpu);
  fs.closeSync(fd);
  db.close();
  return { rows, lines, bytes, seconds, cpuSeconds, rowsPerSecond: rows / seconds };
}
