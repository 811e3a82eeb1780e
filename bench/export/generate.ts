/**
 * Fills a fresh database for the export benchmark: 2,000 articles and 1,000,000 annotations
 * (500 per article, word-aligned spans, a few emoji so code point conversion has work to do),
 * plus a review on every tenth annotation and 20,000 links. Plain prepared statements in
 * one transaction. The search index trigger is dropped first: it is not what is measured.
 * Run as a child process so the parent's memory reflects the export only. BENCH_ARTICLES
 * makes a smaller database for profiling (the benchmark's figures are for 2,000).
 */
import { getSqlite, closeDb } from '../../lib/db/client';
import { sha256Hex } from '../../lib/anchoring/normalize';

export const ARTICLES = Number(process.env.BENCH_ARTICLES || 2000);
export const PER_ARTICLE = 500;
const WORDS = ['minister', 'said', 'territory', 'the', 'ceasefire', 'report', 'Kyiv', 'negotiations', 'front', 'statement', 'élection', 'naïve', 'café', 'agreement', 'officials', 'denied', 'confirmed', 'sources', 'week', 'according'];
const EMOJI = ['🇺🇦', '👍🏽', '😀', '📰'];

function makeBody(seed: number): string {
  const parts: string[] = [];
  let x = seed * 7919 + 13;
  for (let i = 0; i < 4000; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    parts.push(i % 97 === 0 ? EMOJI[x % EMOJI.length] : WORDS[x % WORDS.length]);
    if (i % 60 === 59) parts.push('\n\n');
  }
  return parts.join(' ');
}

function wordStarts(body: string): number[] {
  const starts: number[] = [0];
  for (let i = 1; i < body.length; i++) if (body[i - 1] === ' ' && body[i] !== ' ') starts.push(i);
  return starts;
}

export function generate(): void {
  const db = getSqlite();
  db.exec('drop trigger if exists annotations_search_ai');
  const now = Date.now();
  db.transaction(() => {
    db.prepare("insert into users (id, email, name, password_hash) values (1, 'lead@bench.test', 'Bench Lead', 'x'), (2, 'rev@bench.test', 'Bench Reviewer', 'x')").run();
    db.prepare("insert into projects (id, slug, name) values (1, 'bench', 'Bench')").run();
    db.prepare("insert into memberships (project_id, user_id, role) values (1, 1, 'lead'), (1, 2, 'reviewer')").run();
    const article = db.prepare('insert into articles (project_id, title, outlet, body, sha256, imported_by) values (1, ?, ?, ?, ?, 1)');
    const annotation = db.prepare('insert into annotations (project_id, article_id, author_id, label, start, "end", exact, prefix, suffix, note, attributes, status, created_at, updated_at) values (1, ?, 2, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const review = db.prepare("insert into reviews (project_id, annotation_id, reviewer_id, decision, target_version, created_at) values (1, ?, 1, 'accept', 1, ?)");
    const link = db.prepare("insert into links (project_id, from_annotation_id, to_annotation_id, relation, author_id, created_at, updated_at) values (1, ?, ?, 'corroborates', 2, ?, ?)");
    const labels = ['claim', 'quote', 'context'];
    let id = 0;
    for (let a = 1; a <= ARTICLES; a++) {
      const body = makeBody(a);
      const articleId = Number(article.run(`Article ${a}`, `Outlet ${a % 17}`, body, sha256Hex(body)).lastInsertRowid);
      const starts = wordStarts(body);
      for (let k = 0; k < PER_ARTICLE; k++) {
        const s = starts[(k * 7) % (starts.length - 6)];
        const e = starts[((k * 7) % (starts.length - 6)) + 3] - 1;
        const label = labels[k % 3];
        const attributes = label === 'quote' ? '{"speaker":"Zelenskyy","quoteKind":"verbatim"}' : '{}';
        const row = annotation.run(articleId, label, s, e, body.slice(s, e), body.slice(Math.max(0, s - 32), s), body.slice(e, e + 32), k % 5 === 0 ? 'checked' : '', attributes, k % 10 === 0 ? 'accepted' : 'proposed', now, now);
        id = Number(row.lastInsertRowid);
        if (k % 10 === 0) review.run(id, now);
      }
      if (a > 1) for (let j = 0; j < 10; j++) link.run(id - PER_ARTICLE - j * 3, id - j * 5, now, now);
    }
  })();
  void closeDb();
}

if (process.argv[2] === '--generate') generate();
