'use client';

import Link from 'next/link';
import styles from './ImportForm.module.css';

interface FileResult {
  file: string;
  imported: Array<{ articleId: number; title: string; length: number; annotations?: number }>;
  duplicates: Array<{ title: string; existingArticleId: number; line?: number }>;
  links?: number;
  skippedLinks?: number;
  reassignedAuthors?: number;
}

export type Outcome =
  | { kind: 'ok'; result: { files: FileResult[]; imported: number; duplicates: number } }
  | { kind: 'error'; message: string; files: Array<{ file: string; line: number | null; message: string }> };

function fileName(name: string) {
  return name === 'request.jsonl' ? 'Pasted text' : name;
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
      <h2>Imported {result.imported} article{result.imported === 1 ? '' : 's'}{result.duplicates ? `, ${result.duplicates} already in the project` : ''}</h2>
      <table className="table">
        <thead><tr><th>File</th><th>Result</th></tr></thead>
        <tbody>
          {result.files.map((f) => (
            <tr key={f.file}>
              <td>{fileName(f.file)}</td>
              <td>
                {f.imported.map((a) => (
                  <p key={a.articleId} className={styles.detail}>
                    <span className={styles.ok}>Imported</span>{' '}
                    <Link href={`/projects/${projectId}/articles/${a.articleId}`}>{a.title || `Article ${a.articleId}`}</Link>
                    {a.annotations ? ` with ${a.annotations} annotations` : ''}
                  </p>
                ))}
                {f.duplicates.map((d) => (
                  <p key={`${d.existingArticleId}-${d.line ?? ''}`} className={styles.detail}>
                    <span className={styles.dup}>Already in the project</span>{' '}
                    <Link href={`/projects/${projectId}/articles/${d.existingArticleId}`}>{d.title || `article ${d.existingArticleId}`}</Link>
                    {d.line ? ` (line ${d.line})` : ''}: not imported again
                  </p>
                ))}
                {f.links !== undefined && <p className={styles.detail}>{f.links} links imported{f.skippedLinks ? `, ${f.skippedLinks} skipped (an end was not imported)` : ''}{f.reassignedAuthors ? `; ${f.reassignedAuthors} authors not in this project were credited to you` : ''}.</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
