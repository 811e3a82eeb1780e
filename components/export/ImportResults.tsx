'use client';

import Link from 'next/link';
import styles from './ImportForm.module.css';
import { WebImportDetails } from './WebImportDetails';
import type { FileResult, ImportResult } from '@/lib/data/imports';

export type Outcome =
  | { kind: 'ok'; result: ImportResult }
  | { kind: 'error'; message: string; files: Array<{ file: string; line: number | null; message: string }> };

function fileName(name: string) {
  return name === 'request.jsonl' ? 'Pasted text' : name;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Links, and whose work a native export's lines were credited to, in plain words. */
function NativeDetails({ f }: { f: FileResult }) {
  const unverified = f.unverifiedLines ?? 0;
  return (
    <>
      <p className={styles.detail}>
        {plural(f.links ?? 0, 'link', 'links')} imported{f.skippedLinks ? `, ${f.skippedLinks} skipped (an end was not imported)` : ''}
        {f.reassignedAuthors ? `; ${plural(f.reassignedAuthors, 'author', 'authors')} not in this project ${f.reassignedAuthors === 1 ? 'was' : 'were'} credited to you` : ''}.
      </p>
      {unverified > 0 && (
        <p className={styles.detail}>
          <span className={styles.dup}>Not verified</span>{' '}
          {unverified === 1
            ? '1 article was not signed by this workbench (edited or from elsewhere): its annotations are credited to you and its reviews were not imported.'
            : `${unverified} articles were not signed by this workbench (edited or from elsewhere): their annotations are credited to you and their reviews were not imported.`}
        </p>
      )}
      {!unverified && f.droppedReviews ? (
        <p className={styles.detail}>{plural(f.droppedReviews, 'review was', 'reviews were')} left out: the reviewer and the reviewed work are both credited to you, and nobody reviews their own work.</p>
      ) : null}
    </>
  );
}

/** Per-file results of an import: what was imported, what was already there, what failed. */
export function ImportResults({ projectId, outcome }: { projectId: number; outcome: Outcome }) {
  if (outcome.kind === 'error') {
    return (
      <section className={`card ${styles.results}`} aria-label="Import results">
        <div className="alert alert-error" role="alert">{outcome.message}</div>
        {outcome.files.length > 1 && (
          <ul>
            {outcome.files.map((f) => <li key={f.file + f.line}><span className={styles.err}>{fileName(f.file)}</span>: {f.message}</li>)}
          </ul>
        )}
      </section>
    );
  }
  const { result } = outcome;
  return (
    <section className={`card ${styles.results}`} aria-label="Import results">
      <h2>Imported {result.imported} article{result.imported === 1 ? '' : 's'}{result.revised ? `, ${plural(result.revised, 'new revision', 'new revisions')}` : ''}{result.duplicates ? `, ${result.duplicates} already in the project` : ''}</h2>
      <table className="table">
        <thead><tr><th>File</th><th>Result</th></tr></thead>
        <tbody>
          {result.files.map((f) => (
            <tr key={f.file}>
              <td>{fileName(f.file)}</td>
              <td>
                {f.imported.map((a) => (
                  <div key={a.articleId}>
                    <p className={styles.detail}>
                      <span className={styles.ok}>Imported</span>{' '}
                      <Link href={`/projects/${projectId}/articles/${a.articleId}`}>{a.title || `Article ${a.articleId}`}</Link>
                      {a.annotations ? ` with ${plural(a.annotations, 'annotation', 'annotations')}` : ''}
                      {a.unverified ? <span className="muted"> (not signed by this workbench: credited to you)</span> : null}
                    </p>
                    {a.web && <WebImportDetails web={a.web} />}
                  </div>
                ))}
                {f.revised?.map((r) => (
                  <div key={`revised-${r.articleId}`} data-testid="import-revised">
                    <p className={styles.detail}>
                      <span className={styles.ok}>New revision</span>{' '}
                      <Link href={`/projects/${projectId}/articles/${r.articleId}`}>{r.title || `Article ${r.articleId}`}</Link>
                      {` is now revision ${r.revision}`}{r.line ? ` (line ${r.line})` : ''}: {r.counts.kept} kept, {r.counts.edited} edited, {r.counts.moved} moved, {r.counts.orphaned} orphaned
                      {r.flaggedLinks ? `; ${plural(r.flaggedLinks, 'link', 'links')} back to review` : ''}
                      {r.skippedAnnotations ? `; the file's ${plural(r.skippedAnnotations, 'annotation was', 'annotations were')} not imported` : ''}.{' '}
                      <Link href={`/projects/${projectId}/articles/${r.articleId}/revisions?from=${r.revision - 1}&to=${r.revision}`}>See what changed</Link>
                    </p>
                    {r.web && <WebImportDetails web={r.web} />}
                  </div>
                ))}
                {f.duplicates.map((d) => (
                  <p key={`${d.existingArticleId}-${d.line ?? ''}`} className={styles.detail}>
                    <span className={styles.dup}>Already in the project</span>{' '}
                    as <Link href={`/projects/${projectId}/articles/${d.existingArticleId}`}>{d.existingTitle || `article ${d.existingArticleId}`}</Link>
                    {d.line ? ` (line ${d.line})` : ''}: {d.unchanged ? 'the same text as before, nothing changed' : 'not imported again'}
                  </p>
                ))}
                {f.links !== undefined && <NativeDetails f={f} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
