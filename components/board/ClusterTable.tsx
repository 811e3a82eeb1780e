/**
 * The board's rows: one cluster each, one column per outlet (the busiest ones, the rest under
 * "Other outlets"). On a phone the same markup stacks: each cluster a card, one block per
 * outlet that has statements, named by the outlet (board.module.css).
 */
import Link from 'next/link';
import type { BoardCell, BoardCluster } from '@/lib/data/claimBoard';
import { VERDICT_LABELS } from '@/lib/review/verdictLabels';
import { focusUrl } from '@/components/links/relations';
import { ClusterCell, Counts } from './ClusterCell';
import styles from './board.module.css';

export const OTHER = 'Other outlets';

function mergeOthers(cells: BoardCell[]): BoardCell | undefined {
  if (cells.length === 0) return undefined;
  if (cells.length === 1) return cells[0];
  const sum = (k: 'total' | 'corroborates' | 'conflicts' | 'proposedLinks' | 'disputedLinks') => cells.reduce((n, c) => n + c[k], 0);
  return {
    outlet: OTHER, statements: cells.flatMap((c) => c.statements).slice(0, 1), total: sum('total'), corroborates: sum('corroborates'),
    conflicts: sum('conflicts'), proposedLinks: sum('proposedLinks'), disputedLinks: sum('disputedLinks'),
  };
}

function ClaimHeader({ c, projectId }: { c: BoardCluster; projectId: number }) {
  return (
    <th scope="row" className={styles.claimCell}>
      <Link href={focusUrl(projectId, c.claim.articleId, c.claim.annotationId)} className={styles.claimText}>{c.claim.exact}</Link>
      <span className={styles.claimMeta}>
        <span className={`badge badge-${c.claim.status}`}>{c.claim.status}</span>
        <span>{c.claim.outlet}</span>
        <span>{c.outlets} outlet{c.outlets === 1 ? '' : 's'}</span>
        <Counts corroborates={c.corroborates} conflicts={c.conflicts} />
        {c.disagreements ? <span className="badge badge-disputed">{c.disagreements} disagreement{c.disagreements > 1 ? 's' : ''}</span> : null}
        {c.rejectedLinks ? <span className={styles.rejected} title="Rejected links are not counted">{c.rejectedLinks} rejected link{c.rejectedLinks > 1 ? 's' : ''}, not counted</span> : null}
        {c.size > 1 ? <Link href={`/projects/${projectId}/compare/${c.claim.annotationId}`}>compare</Link> : null}
      </span>
    </th>
  );
}

function Row({ c, columns, withOther, projectId }: { c: BoardCluster; columns: string[]; withOther: boolean; projectId: number }) {
  const byOutlet = new Map(c.cells.map((cell) => [cell.outlet, cell]));
  const others = mergeOthers(c.cells.filter((cell) => !columns.includes(cell.outlet)));
  const shown = [...columns.map((o) => [o, byOutlet.get(o)] as const), ...(withOther ? [[OTHER, others] as const] : [])];
  return (
    <tr data-testid="board-row" data-cluster-id={c.id}>
      <ClaimHeader c={c} projectId={projectId} />
      {shown.map(([outlet, cell]) => (
        // An outlet with nothing in the cluster is an empty cell (CSS draws a quiet dot); `data-t`
        // tints a cell with conflicts (x) or only corroborations (v).
        cell ? (
          <td key={outlet} data-outlet={outlet} data-t={cell.conflicts ? 'x' : cell.corroborates ? 'v' : undefined}>
            <ClusterCell cell={cell} projectId={projectId} clusterId={c.id} head={outlet === c.claim.outlet ? c.claim : null} />
          </td>
        ) : <td key={outlet} />
      ))}
      <td className={styles.verdictCell} data-outlet="Verdict">
        {c.verdict ? <span className={`${styles.verdict} ${styles[`verdict_${c.verdict.replace('-', '_')}`]}`}>{VERDICT_LABELS[c.verdict]}</span> : <span className="muted small">none yet</span>}
      </td>
    </tr>
  );
}

export function ClusterTable({ clusters, columns, projectId }: { clusters: BoardCluster[]; columns: string[]; projectId: number }) {
  const hasOthers = clusters.some((c) => c.cells.some((cell) => !columns.includes(cell.outlet)));
  const heads = hasOthers ? [...columns, OTHER] : columns;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.board} data-testid="claim-board">
        <thead>
          <tr>
            <th scope="col" className={styles.claimHead}>Claim</th>
            {heads.map((o) => <th key={o} scope="col" className={styles.outletHead} data-testid="outlet-column"><span>{o}</span></th>)}
            <th scope="col" className={styles.verdictHead}>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {clusters.map((c) => <Row key={c.id} c={c} columns={columns} withOther={hasOthers} projectId={projectId} />)}
        </tbody>
      </table>
    </div>
  );
}
