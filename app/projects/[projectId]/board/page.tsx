import Link from 'next/link';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { claimBoard } from '@/lib/data/claimBoard';
import { STATUSES } from '@/lib/domain';
import { loadProjectPage } from '../loadProject';
import { BoardTable } from './BoardTable';
import { Stat, TopPairs } from './BoardSummary';
import { OutletGraph } from './OutletGraph';
import { arrangeRows, boardParams, SORT_NAMES, SORTS, statusCounts, type BoardSort, type StatusFilter } from './boardView';
import styles from './board.module.css';

export const metadata = { title: 'Claim board' };

type Search = Promise<Record<string, string | string[] | undefined>>;

function href(projectId: number, sort: BoardSort, status: StatusFilter): string {
  return `/projects/${projectId}/board?sort=${sort}&status=${status}`;
}

export default async function ClaimBoardPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Search }) {
  const { user, project, projectId } = await loadProjectPage(params, '/board');
  const { sort, status } = boardParams(await searchParams);
  const board = claimBoard({ actor: { userId: user.id }, projectId });
  const rows = arrangeRows(board.rows, sort, status);
  const counts = statusCounts(board.rows);
  const claimsByArticle: Record<number, number> = {};
  for (const r of board.rows) claimsByArticle[r.claim.articleId] = (claimsByArticle[r.claim.articleId] ?? 0) + 1;
  const linkTotal = board.edges.reduce((n, e) => n + e.corroborates + e.conflicts, 0);
  const contested = board.rows.filter((r) => r.contested > 0).length;
  const disagreements = board.rows.reduce((n, r) => n + r.disagreements, 0);
  return (
    <div className={`container ${styles.page}`}>
      <ProjectNav projectId={projectId} projectName={project.name} active="board" role={project.role} />
      <div className="page-header">
        <div>
          <h1>Claim board</h1>
          <p>Every claim against every article: which outlets corroborate it ✓ and which conflict with it ✕.</p>
        </div>
      </div>
      <section className={styles.overview}>
        <div className={styles.stats}>
          <Stat value={board.rows.length} label="claims" />
          <Stat value={linkTotal} label="links between articles" />
          <Stat value={contested} label="contested claims" tone="conflicts" />
          <Stat value={disagreements} label="reviewer disagreements" tone="warn" />
        </div>
        <figure className={`card ${styles.figure}`}>
          <OutletGraph articles={board.articles} edges={board.edges} claimsByArticle={claimsByArticle} />
          <figcaption className={styles.legend}>
            <h2 className={styles.legendTitle}>How the outlets relate</h2>
            <span><svg width="34" height="10" aria-hidden="true"><line x1="2" y1="5" x2="32" y2="5" stroke="#0072b2" strokeWidth="4" strokeLinecap="round" /></svg> corroborates</span>
            <span><svg width="34" height="10" aria-hidden="true"><line x1="2" y1="5" x2="32" y2="5" stroke="#d55e00" strokeWidth="4" strokeDasharray="7 5" /></svg> conflicts</span>
            <p>Each circle is an article; the number inside is how many claims it makes. A line joins two articles whose statements are linked, thicker with more links.</p>
            <TopPairs board={board} />
          </figcaption>
        </figure>
      </section>
      <div className={styles.controls}>
        <nav className={styles.segmented} aria-label="Sort claims">
          {SORTS.map((s) => <Link key={s} href={href(projectId, s, status)} aria-current={s === sort ? 'true' : undefined}>{SORT_NAMES[s]}</Link>)}
        </nav>
        <nav className={`${styles.segmented} ${styles.statusNav}`} aria-label="Filter by status">
          {(['all', ...STATUSES] as StatusFilter[]).map((s) => (
            <Link key={s} href={href(projectId, sort, s)} aria-current={s === status ? 'true' : undefined}>
              {s === 'all' ? 'All' : s} <span className={styles.segCount}>{counts[s]}</span>
            </Link>
          ))}
        </nav>
      </div>
      {board.rows.length === 0 ? (
        <div className="card empty">No claims yet. Open an article, select a statement and press <kbd>1</kbd> to tag it as a claim, then <kbd>l</kbd> to link it to other outlets.</div>
      ) : rows.length === 0 ? (
        <div className="card empty">No claim is {status}. <Link href={href(projectId, sort, 'all')}>Show all claims</Link></div>
      ) : (
        <BoardTable rows={rows} articles={board.articles} projectId={projectId} />
      )}
    </div>
  );
}
