'use client';
/**
 * The import's outcome where the eye is: right under the Import button, focused, with a link
 * to the article (or to the one already there, for a duplicate). Details follow below.
 */
import { useEffect, useRef } from 'react';
import Link from 'next/link';
import type { Outcome } from './ImportResults';

export function ImportSummary({ projectId, outcome }: { projectId: number; outcome: Outcome }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [outcome]);
  const article = (id: number) => `/projects/${projectId}/articles/${id}`;
  if (outcome.kind === 'error') {
    return <div ref={ref} tabIndex={-1} className="alert alert-error" role="alert" data-testid="import-summary">Nothing was imported: {outcome.message}</div>;
  }
  const imported = outcome.result.files.flatMap((f) => f.imported);
  const duplicates = outcome.result.files.flatMap((f) => f.duplicates);
  const first = imported[0];
  const dup = duplicates[0];
  return (
    <div ref={ref} tabIndex={-1} className={`alert ${imported.length ? 'alert-ok' : 'alert-info'}`} role="status" data-testid="import-summary">
      {imported.length === 1 && first ? (
        <>Imported <Link href={article(first.articleId)}><strong>{first.title || `Article ${first.articleId}`}</strong></Link>. Open it to start tagging.</>
      ) : imported.length > 1 ? (
        <>Imported {imported.length} articles, first <Link href={article(first.articleId)}><strong>{first.title || `Article ${first.articleId}`}</strong></Link>. The list below links to each.</>
      ) : null}
      {dup ? (
        <>
          {imported.length ? ' ' : ''}
          {duplicates.length === 1 ? 'This text is' : `${duplicates.length} texts are`} already in the project as{' '}
          <Link href={article(dup.existingArticleId)}><strong>{dup.existingTitle || `article ${dup.existingArticleId}`}</strong></Link>
          {duplicates.length > 1 ? ' and others listed below' : ''}: not imported again.
        </>
      ) : null}
    </div>
  );
}
