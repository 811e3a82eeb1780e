'use client';

import { useState } from 'react';
import styles from './SecretReveal.module.css';

/** A password or token shown exactly once, with a copy button. */
export function SecretReveal({ label, secret }: { label: string; secret: string }) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className={`alert alert-info ${styles.box}`} role="status">
      <p className={styles.label}>{label}</p>
      <div className={styles.row}>
        <code className={styles.secret} data-testid="one-time-secret">{secret}</code>
        <button type="button" className="btn btn-small" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className={styles.hint}>It will not be shown again.</p>
    </div>
  );
}
