import Link from 'next/link';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { BoardBuilding } from '@/components/board/BoardBuilding';
import { BoardFilters } from '@/components/board/BoardFilters';
import { BoardPager } from '@/components/board/BoardPager';
import { BoardStats, TopPairs } from '@/components/board/BoardSummary';
import { ClusterTable } from '@/components/board/ClusterTable';
import { OutletGraph } from '@/components/board/OutletGraph';
import { packRows } from '@/components/board/packRows';
import { pickColumns, boardHref } from '@/components/board/boardUrl';
import { claimBoard, type BoardQuery, type ClaimBoard } from '@/lib/data/claimBoard';
import { listMembers } from '@/lib/data/projects';
import { isAppError } from '@/lib/errors';
import { loadProjectPage } from '../loadProject';
import styles from '@/components/board/board.module.css';

export const metadata = { title: 'Claim board' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const KEYS = ['cursor', 'limit', 'sort', 'outlet', 'status', 'verdict', 'label', 'reviewer', 'q'] as const;

function queryOf(search: Awaited<Search>): BoardQuery {
  const query: BoardQuery = {};
  for (const key of KEYS) {
    const value = search[key];
    query[key] = Array.isArray(value) ? value[0] : value;
  }
  return query;
}

/** A bad cursor, sort or filter in the URL: say so, and offer the first page. */
function BadQuery({ projectId, message }: { projectId: number; message: string }) {
  return (
    <div className="card empty" role="alert" data-testid="board-error">
      <p><strong>This board address cannot be shown.</strong> {message}</p>
      <Link href={`/projects/${projectId}/board`}>Open the board from the start</Link>
    </div>
  );
}

function Overview({ board }: { board: ClaimBoard }) {
  const clustersByOutlet = new Map(board.outlets.map((o) => [o.name, o.clusters]));
  return (
    <section className={styles.overview}>
      <BoardStats totals={board.totals} />
      <figure className={`card ${styles.figure}`}>
        <OutletGraph edges={board.edges} clustersByOutlet={clustersByOutlet} />
        <figcaption className={styles.legend}>
          <h2 className={styles.legendTitle}>How the outlets relate</h2>
          <span><svg width="34" height="10" aria-hidden="true"><line x1="2" y1="5" x2="32" y2="5" stroke="#0072b2" strokeWidth="4" strokeLinecap="round" /></svg> corroborates</span>
          <span><svg width="34" height="10" aria-hidden="true"><line x1="2" y1="5" x2="32" y2="5" stroke="#d55e00" strokeWidth="4" strokeDasharray="7 5" /></svg> conflicts</span>
          <p>Each circle is an outlet; the number inside is how many clusters it takes part in. Lines show the {board.edges.length} strongest pairs of outlets, thicker with more links. Rejected links are left out.</p>
          <TopPairs edges={board.edges} />
        </figcaption>
      </figure>
    </section>
  );
}

export default async function ClaimBoardPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Search }) {
  const { user, project, projectId } = await loadProjectPage(params, '/board');
  const query = queryOf(await searchParams);
  const actor = { userId: user.id };
  let board: ClaimBoard | null = null;
  let problem: string | null = null;
  try {
    board = await claimBoard({ actor, projectId, query });
  } catch (error) {
    if (!isAppError(error) || error.status !== 400) throw error;
    problem = error.message;
  }
  const reviewers = (await listMembers({ actor, projectId })).filter((m) => m.role !== 'viewer');
  return (
    <div className={`container ${styles.page}`}>
      <ProjectNav projectId={projectId} projectName={project.name} active="board" role={project.role} />
      <div className="page-header">
        <div>
          <h1>Claim board</h1>
          <p>Each row is a claim with the statements linked to it; each column an outlet: who corroborates it ✓ and who conflicts with it ✕.</p>
        </div>
      </div>
      {!board ? <BadQuery projectId={projectId} message={problem ?? ''} /> : board.building ? <BoardBuilding progress={board.building} /> : (
        <>
          <Overview board={board} />
          <BoardFilters projectId={projectId} view={board} outlets={board.outlets} reviewers={reviewers} />
          {board.totals.clusters === 0 ? (
            <div className="card empty">No claims yet. Open an article, select a statement and press <kbd>1</kbd> to tag it as a claim, then <kbd>l</kbd> to link it to other outlets.</div>
          ) : board.items.length === 0 ? (
            <div className="card empty">No cluster matches these filters. <Link href={boardHref(projectId, { sort: board.sort, filters: {} })}>Show all clusters</Link></div>
          ) : (
            <>
              <ClusterTable table={packRows(board.items, pickColumns(board.outlets.map((o) => o.name), board.filters.outlet))} projectId={projectId} />
              <BoardPager projectId={projectId} view={board} nextCursor={board.nextCursor} onFirstPage={!query.cursor} shown={board.items.length} matching={board.totals.matching} />
            </>
          )}
        </>
      )}
    </div>
  );
}
