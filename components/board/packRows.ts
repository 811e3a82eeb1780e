/**
 * The board's page of clusters, packed for the client table (ClusterTable.tsx): one row per
 * cluster, one cell per column, each statement a short tuple. Next.js sends a page twice, as
 * HTML and as the RSC payload; a client component's payload is its props, so packing them
 * small is what keeps a 50-cluster page under the size budget. Pure; runs on the server.
 */
import type { BoardCell, BoardCluster } from '@/lib/data/claimBoard';
import type { Status, Verdict } from '@/lib/domain';

export const OTHER = 'Other outlets';

/** [articleId, annotationId, relation mark (v, x or ''), words, "label · status", the joining link: 0 counted, 1 proposed, 2 disputed] */
export type PackedStatement = [number, number, '' | 'v' | 'x', string, string, 0 | 1 | 2];
/** null: the outlet has nothing in the cluster. [tint, ✓ count, ✕ count, the head's own outlet (1), statements, more] */
export type PackedCell = null | ['' | 'v' | 'x', number, number, 0 | 1, PackedStatement[], number];

export interface PackedRow {
  id: number;
  articleId: number;
  text: string;
  status: Status;
  outlet: string;
  outlets: number;
  size: number;
  corroborates: number;
  conflicts: number;
  disagreements: number;
  rejected: number;
  verdict: Verdict | null;
  cells: PackedCell[];
}

export interface PackedTable {
  /** Column heads: the outlets, then "Other outlets" when some cluster has statements elsewhere. */
  heads: string[];
  rows: PackedRow[];
}

function mergeOthers(cells: BoardCell[]): BoardCell | undefined {
  if (cells.length === 0) return undefined;
  if (cells.length === 1) return cells[0];
  const sum = (k: 'total' | 'corroborates' | 'conflicts' | 'proposedLinks' | 'disputedLinks') => cells.reduce((n, c) => n + c[k], 0);
  return {
    outlet: OTHER, statements: cells.flatMap((c) => c.statements).slice(0, 1), total: sum('total'), corroborates: sum('corroborates'),
    conflicts: sum('conflicts'), proposedLinks: sum('proposedLinks'), disputedLinks: sum('disputedLinks'),
  };
}

const MARK = { corroborates: 'v', conflicts: 'x' } as const;

function packCell(cell: BoardCell, c: BoardCluster, isHeadOutlet: boolean): PackedCell {
  const shown = cell.statements.filter((s) => s.annotationId !== c.id);
  const statements = shown.map((s): PackedStatement => [
    s.articleId, s.annotationId, s.relation ? MARK[s.relation] : '', s.exact,
    s.status !== 'proposed' ? `${s.label} · ${s.status}` : s.label,
    s.linkStatus === 'proposed' ? 1 : s.linkStatus === 'disputed' ? 2 : 0,
  ]);
  const tint = cell.conflicts ? 'x' : cell.corroborates ? 'v' : '';
  return [tint, cell.corroborates, cell.conflicts, isHeadOutlet ? 1 : 0, statements, cell.total - shown.length - (isHeadOutlet ? 1 : 0)];
}

export function packRows(clusters: BoardCluster[], columns: string[]): PackedTable {
  const hasOthers = clusters.some((c) => c.cells.some((cell) => !columns.includes(cell.outlet)));
  const rows = clusters.map((c): PackedRow => {
    const byOutlet = new Map(c.cells.map((cell) => [cell.outlet, cell]));
    const cells = columns.map((o) => byOutlet.get(o)).map((cell) => (cell ? packCell(cell, c, cell.outlet === c.claim.outlet) : null));
    if (hasOthers) {
      const others = mergeOthers(c.cells.filter((cell) => !columns.includes(cell.outlet)));
      cells.push(others ? packCell(others, c, false) : null);
    }
    return {
      id: c.id, articleId: c.claim.articleId, text: c.claim.exact, status: c.claim.status, outlet: c.claim.outlet, outlets: c.outlets, size: c.size,
      corroborates: c.corroborates, conflicts: c.conflicts, disagreements: c.disagreements, rejected: c.rejectedLinks, verdict: c.verdict, cells,
    };
  });
  return { heads: hasOthers ? [...columns, OTHER] : columns, rows };
}
