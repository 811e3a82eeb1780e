'use client';
/**
 * The board's rows: one cluster each, one column per outlet (the busiest ones, the rest under
 * "Other outlets"). On a phone the same markup stacks: each cluster a card, one block per
 * outlet that has statements, named by the outlet (board.module.css).
 *
 * A client component only so that its RSC payload is the packed rows (packRows.ts) instead of
 * every element twice. Inside a cell there are no class names: board.module.css styles the
 * elements from the table's class, `data-t` tints a cell (x conflicts, v corroborates only)
 * and `data-r` colours the marks (v ✓, x ✕, h the head claim ◆). An outlet with nothing in the
 * cluster is an empty cell (CSS draws a quiet dot).
 */
import Link from 'next/link';
import { VERDICT_LABELS } from '@/lib/review/verdictLabels';
import { focusUrl } from '@/components/links/relations';
import type { PackedCell, PackedRow, PackedTable } from './packRows';
import styles from './board.module.css';

const GLYPH = { v: '✓', x: '✕' } as const;

function Counts({ corroborates, conflicts }: { corroborates: number; conflicts: number }) {
  return (
    <>
      {corroborates ? <b data-r="v">{`✓ ${corroborates}`}</b> : null}
      {conflicts ? <b data-r="x">{`✕ ${conflicts}`}</b> : null}
    </>
  );
}

/** One outlet's statements in one cluster; `outlet` names the column (the phone layout shows it above the cell). */
function Cell({ outlet, cell, row, projectId }: { outlet: string; cell: PackedCell; row: PackedRow; projectId: number }) {
  if (!cell) return <td />;
  const [tint, corroborates, conflicts, isHead, statements, more] = cell;
  return (
    <td data-outlet={outlet} data-t={tint || undefined}>
      {corroborates || conflicts ? <span><Counts corroborates={corroborates} conflicts={conflicts} /></span> : null}
      {isHead ? <p><a href={focusUrl(projectId, row.articleId, row.id)}><b data-r="h">◆</b> the claim</a></p> : null}
      {statements.map(([articleId, annotationId, mark, text, meta, link]) => (
        <p key={annotationId}>
          <a href={focusUrl(projectId, articleId, annotationId, row.id)}>
            {mark ? <b data-r={mark}>{`${GLYPH[mark]} `}</b> : null}
            {text}
          </a>
          <small>
            {meta}
            {link === 1 ? <i>link proposed</i> : link === 2 ? <i className="badge badge-disputed">link disputed</i> : null}
          </small>
        </p>
      ))}
      {more > 0 ? <em>{`+${more} more`}</em> : null}
    </td>
  );
}

function Row({ row, heads, projectId }: { row: PackedRow; heads: string[]; projectId: number }) {
  return (
    <tr data-testid="board-row" data-cluster-id={row.id}>
      <th scope="row" className={styles.claimCell}>
        <Link href={focusUrl(projectId, row.articleId, row.id)} className={styles.claimText}>{row.text}</Link>
        <span className={styles.claimMeta}>
          <span className={`badge badge-${row.status}`}>{row.status}</span>
          <span>{row.outlet}</span>
          <span>{row.outlets === 1 ? '1 outlet' : `${row.outlets} outlets`}</span>
          <Counts corroborates={row.corroborates} conflicts={row.conflicts} />
          {row.disagreements ? <span className="badge badge-disputed">{row.disagreements === 1 ? '1 disagreement' : `${row.disagreements} disagreements`}</span> : null}
          {row.rejected ? <span className={styles.rejected} title="Rejected links are not counted">{row.rejected === 1 ? '1 rejected link, not counted' : `${row.rejected} rejected links, not counted`}</span> : null}
          {row.size > 1 ? <Link href={`/projects/${projectId}/compare/${row.id}`}>compare</Link> : null}
        </span>
      </th>
      {row.cells.map((cell, i) => <Cell key={heads[i]} outlet={heads[i]} cell={cell} row={row} projectId={projectId} />)}
      <td className={styles.verdictCell} data-outlet="Verdict">
        {row.verdict ? <span className={`${styles.verdict} ${styles[`verdict_${row.verdict.replace('-', '_')}`]}`}>{VERDICT_LABELS[row.verdict]}</span> : <span className="muted small">none yet</span>}
      </td>
    </tr>
  );
}

export function ClusterTable({ table, projectId }: { table: PackedTable; projectId: number }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.board} data-testid="claim-board">
        <thead>
          <tr>
            <th scope="col" className={styles.claimHead}>Claim</th>
            {table.heads.map((o) => <th key={o} scope="col" className={styles.outletHead} data-testid="outlet-column"><span>{o}</span></th>)}
            <th scope="col" className={styles.verdictHead}>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => <Row key={row.id} row={row} heads={table.heads} projectId={projectId} />)}
        </tbody>
      </table>
    </div>
  );
}
