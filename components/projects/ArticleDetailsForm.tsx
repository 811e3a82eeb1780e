'use client';

import Link from 'next/link';
import { ActionForm, type FormAction } from './ActionForm';
import styles from './projects.module.css';

export interface ArticleDetails {
  id: number;
  projectId: number;
  title: string;
  outlet: string | null;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
}

/** The lead's form for an article's metadata; the text itself never changes here. */
export function ArticleDetailsForm({ action, article }: { action: FormAction; article: ArticleDetails }) {
  return (
    <ActionForm action={action} className="stack" resetOnSuccess={false} aria-label="Article details">
      <input type="hidden" name="articleId" value={article.id} />
      <input type="hidden" name="projectId" value={article.projectId} />
      <label className="field">
        Title
        <input type="text" name="title" defaultValue={article.title} maxLength={500} placeholder="Untitled" />
      </label>
      <div className={styles.formGrid}>
        <label className="field">
          Outlet
          <input type="text" name="outlet" defaultValue={article.outlet ?? ''} maxLength={200} placeholder="e.g. Reuters" />
        </label>
        <label className="field">
          Published
          <input type="date" name="publishedAt" defaultValue={article.publishedAt ?? ''} />
        </label>
      </div>
      <label className="field">
        Author
        <input type="text" name="author" defaultValue={article.author ?? ''} maxLength={300} />
      </label>
      <label className="field">
        URL
        <input type="url" name="url" defaultValue={article.url ?? ''} maxLength={2000} placeholder="https://" />
      </label>
      <div className="row">
        <button type="submit" className="btn btn-primary">Save details</button>
        <Link href={`/projects/${article.projectId}`} className="btn">Back to articles</Link>
      </div>
    </ActionForm>
  );
}

/** The same details, read-only, for members who are not leads. */
export function ArticleDetailsList({ article }: { article: ArticleDetails }) {
  const rows: Array<[string, React.ReactNode]> = [
    ['Title', article.title || null],
    ['Outlet', article.outlet],
    ['Published', article.publishedAt],
    ['Author', article.author],
    ['URL', article.url ? <a href={article.url} rel="noreferrer noopener" target="_blank">{article.url}</a> : null],
  ];
  return (
    <dl className={styles.details}>
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
      <p className="muted small">Only project leads can change these details.</p>
    </dl>
  );
}
