'use client';
/** The fields of a pasted article: its metadata and the text exactly as published. */
import styles from './ImportForm.module.css';

export function PasteFields() {
  return (
    <div className="stack">
      <div className={styles.grid}>
        <label className="field">Title<input type="text" name="title" maxLength={500} /></label>
        <label className="field">Outlet<input type="text" name="outlet" maxLength={200} /></label>
        <label className="field">Address (URL)<input type="url" name="url" placeholder="https://" /></label>
        <label className="field">Author<input type="text" name="author" maxLength={300} /></label>
        <label className="field">Published<input type="date" name="publishedAt" /></label>
      </div>
      <label className="field">Text<textarea name="body" required className={styles.body} placeholder="Paste the article text exactly as published." /></label>
    </div>
  );
}
