/**
 * One outlet's statements in one cluster: how many join it as corroborating ✓ or conflicting ✕,
 * then its first statement, a link into the reader, with its label and status and a mark when
 * the link that joins it is only proposed or disputed. The head claim, whose words head the
 * row, is only marked ◆ in its outlet's cell, above the first statement linked to it there.
 *
 * Kept small on purpose (a page holds hundreds of cells, and Next.js sends each element twice,
 * as HTML and in the RSC payload): no class names inside a cell; board.module.css styles the
 * elements from the table's class, and `data-r` (v corroborates, x conflicts, h the head)
 * colours the marks.
 */
import type { BoardCell, BoardStatement } from '@/lib/data/claimBoard';
import { focusUrl, RELATION_GLYPHS } from '@/components/links/relations';

const MARK = { corroborates: 'v', conflicts: 'x' } as const;

function Statement({ s, projectId, headId }: { s: BoardStatement; projectId: number; headId: number }) {
  const meta = [s.label, s.status !== 'proposed' ? s.status : null].filter(Boolean).join(' · ');
  return (
    <p>
      <a href={focusUrl(projectId, s.articleId, s.annotationId, headId)}>
        {s.relation ? <b data-r={MARK[s.relation]}>{RELATION_GLYPHS[s.relation]} </b> : null}
        {s.exact}
      </a>
      <small>
        {meta}
        {s.linkStatus === 'proposed' ? <i>link proposed</i> : null}
        {s.linkStatus === 'disputed' ? <i className="badge badge-disputed">link disputed</i> : null}
      </small>
    </p>
  );
}

/** ✓ n ✕ m, coloured by `data-r`; shared by the cells and the row's header. */
export function Counts({ corroborates, conflicts }: { corroborates: number; conflicts: number }) {
  return (
    <>
      {corroborates ? <b data-r="v">✓ {corroborates}</b> : null}
      {conflicts ? <b data-r="x">✕ {conflicts}</b> : null}
    </>
  );
}

/**
 * `clusterId` is the head claim's id (statements link back to it); `head` is set on the head's
 * own outlet's cell, where the claim is marked ◆ and linked rather than repeated.
 */
export function ClusterCell({ cell, projectId, clusterId, head }: {
  cell: BoardCell; projectId: number; clusterId: number; head: { annotationId: number; articleId: number } | null;
}) {
  const shown = cell.statements.filter((s) => s.annotationId !== clusterId);
  const more = cell.total - shown.length - (head ? 1 : 0);
  return (
    <>
      {cell.corroborates || cell.conflicts ? <span><Counts corroborates={cell.corroborates} conflicts={cell.conflicts} /></span> : null}
      {head ? <p><a href={focusUrl(projectId, head.articleId, head.annotationId)}><b data-r="h">◆</b> the claim</a></p> : null}
      {shown.map((s) => <Statement key={s.annotationId} s={s} projectId={projectId} headId={clusterId} />)}
      {more > 0 ? <em>+{more} more</em> : null}
    </>
  );
}
