import Link from 'next/link';
import { readRevision, anchorStatesOn } from '@/lib/data/revisions';
import { alignRevisions } from '@/lib/anchoring/reanchorAlign';
import { countStates } from '@/lib/anchoring/reanchor';
import { RevisionPageShell } from '@/components/revisions/RevisionPageShell';
import { RevisionDiff } from '@/components/revisions/RevisionDiff';
import { StateCounts } from '@/components/revisions/StateCounts';
import { DiffLegend } from '@/components/revisions/DiffLegend';
import { loadRevisionPage, revisionParam, type RevisionPageParams } from './load';

export const metadata = { title: 'Compare revisions' };

export default async function RevisionDiffPage({ params, searchParams }: { params: RevisionPageParams; searchParams: Promise<{ from?: string; to?: string }> }) {
  const { actor, article, role, project } = await loadRevisionPage(params, '');
  const query = await searchParams;
  const to = revisionParam(query.to, article.currentRevision, article.currentRevision);
  const from = revisionParam(query.from, Math.max(1, to - 1), to);
  const base = `/projects/${project.id}/articles/${article.id}`;
  const left = await readRevision({ actor, articleId: article.id, number: from });
  const right = await readRevision({ actor, articleId: article.id, number: to });
  const statesOnTo = new Map((await anchorStatesOn({ actor, articleId: article.id, number: to })).map((s) => [s.annotationId, s]));
  const leftSpans = left.annotations.map((a) => ({ id: a.id, start: a.start, end: a.end, label: a.label, state: from === to ? 'kept' as const : statesOnTo.get(a.id)?.state ?? 'orphaned' }));
  const rightSpans = right.annotations.map((a) => ({ id: a.id, start: a.start, end: a.end, label: a.label, state: a.anchor?.state ?? 'kept' }));
  const counts = countStates(leftSpans);
  return (
    <RevisionPageShell project={project} role={role} article={article} title={<>Revision {from} → {to}</>}
      intro={<>
        {right.revision.note ? `“${right.revision.note}” · ` : ''}
        How the {leftSpans.length} span{leftSpans.length === 1 ? '' : 's'} of revision {from} landed on revision {to}.
      </>}
      aside={<Link className="btn" href={`${base}/revisions/queue`}>Re-anchoring queue</Link>}>
      <StateCounts counts={counts} />
      <DiffLegend />
      <RevisionDiff rows={alignRevisions(left.revision.body, right.revision.body)}
        left={{ number: from, body: left.revision.body, spans: leftSpans }} right={{ number: to, body: right.revision.body, spans: rightSpans }} />
    </RevisionPageShell>
  );
}
