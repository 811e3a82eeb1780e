/**
 * A desk-sized project written straight into SQLite (one transaction, the shape of issue 12's
 * desk: 50 annotations, 10 links and 25 reviews an article, 30 members, 8 outlets and some
 * articles without one), so the board's queries can be planned and timed at real size in
 * seconds. The triggers that keep the board and the search index honest run as usual.
 */
import { getSqlite } from '@/lib/db/client';

const OUTLETS = ['Kyiv Independent', 'UNN', 'Zamin.uz', 'Reuters', 'Ukrainska Pravda', 'BBC Monitoring', 'Meduza', 'AP'];
const WORDS = 'Zelenskyy said Ukraine will not recognize occupied territories talks Geneva Kremlin spokesman prices rose Crimea officials confirmed денег переговоры Київ sanctions grain corridor drones'.split(' ');

function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

export function buildDesk(projectId: number, userIds: number[], articleCount: number): { claims: number } {
  const db = getSqlite();
  const rnd = random(42);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const sentence = () => Array.from({ length: 12 }, () => pick(WORDS)).join(' ');
  const insArticle = db.prepare('insert into articles (project_id, title, outlet, url, body, sha256, published_at) values (?, ?, ?, ?, ?, ?, ?)');
  const insAnn = db.prepare(`insert into annotations (project_id, article_id, author_id, label, start, "end", exact, status, created_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insLink = db.prepare(`insert or ignore into links (project_id, from_annotation_id, to_annotation_id, relation, author_id, status, created_at)
    values (?, ?, ?, ?, ?, ?, ?)`);
  const insReview = db.prepare('insert into reviews (project_id, annotation_id, reviewer_id, decision, target_version) values (?, ?, ?, ?, 1)');
  const insVerdict = db.prepare('insert into verdicts (project_id, annotation_id, author_id, verdict, is_final) values (?, ?, ?, ?, 1)');
  const annIds: { id: number; articleId: number }[] = [];
  let claims = 0;
  db.transaction(() => {
    for (let n = 0; n < articleCount; n++) {
      const outlet = n % 10 === 9 ? null : OUTLETS[n % OUTLETS.length];
      const body = Array.from({ length: 40 }, sentence).join('. ');
      const articleId = Number(insArticle.run(projectId, `Report ${n} on the talks`, outlet, outlet ? null : `https://www.site${n % 7}.example/news/${n}`, body, `sha-${projectId}-${n}`, '2026-11-01').lastInsertRowid);
      for (let i = 0; i < 50; i++) {
        const label = i % 3 === 0 ? 'claim' : i % 3 === 1 ? 'quote' : 'context';
        if (label === 'claim') claims++;
        const status = rnd() < 0.5 ? 'accepted' : rnd() < 0.8 ? 'proposed' : 'rejected';
        const id = Number(insAnn.run(projectId, articleId, pick(userIds), label, i * 80, i * 80 + 60, sentence(), status, Date.now() - n * 60000 + i).lastInsertRowid);
        annIds.push({ id, articleId });
        if (i < 25) insReview.run(projectId, id, pick(userIds), status === 'rejected' ? 'reject' : 'accept');
        if (label === 'claim' && i % 15 === 0) insVerdict.run(projectId, id, userIds[0], pick(['true', 'false', 'misleading', 'mixed']));
      }
      for (let k = 0; k < 10 && annIds.length > 100; k++) {
        const a = annIds[annIds.length - 1 - Math.floor(rnd() * 50)];
        let b = pick(annIds);
        while (b.articleId === a.articleId) b = pick(annIds);
        const [lo, hi] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
        const r = rnd();
        insLink.run(projectId, lo, hi, rnd() < 0.7 ? 'corroborates' : 'conflicts', pick(userIds), r < 0.6 ? 'proposed' : r < 0.85 ? 'accepted' : r < 0.95 ? 'rejected' : 'disputed', Date.now() - Math.floor(rnd() * 1e8));
      }
    }
  })();
  return { claims };
}
