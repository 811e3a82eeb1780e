'use client';

import { ActionForm, type FormAction } from './ActionForm';
import styles from './projects.module.css';

/** The site admin's form for a new project (the admin becomes its lead). */
export function NewProjectForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} className="stack" aria-label="New project">
      <div className={styles.formGrid}>
        <label className="field">
          Name
          <input type="text" name="name" required maxLength={200} placeholder="e.g. Ceasefire statements, May 2025" />
        </label>
        <label className="field">
          <span>Short name <span className="muted small">(optional, used in the CLI)</span></span>
          <input type="text" name="slug" maxLength={64} placeholder="ceasefire-may-2025" />
        </label>
      </div>
      <label className="field">
        <span>Description <span className="muted small">(optional)</span></span>
        <textarea name="description" maxLength={5000} rows={2} placeholder="What the desk is checking and why." />
      </label>
      <div>
        <button type="submit" className="btn btn-primary">Create project</button>
      </div>
    </ActionForm>
  );
}
