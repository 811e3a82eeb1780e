'use client';

import { ActionForm, type FormAction } from '@/components/projects/ActionForm';
import { formatMoment } from '@/components/projects/format';
import styles from './Tokens.module.css';

export interface TokenRow {
  id: number;
  name: string;
  tokenPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Names a new token; the secret appears once below with a copy button. */
export function CreateTokenForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} className={`stack ${styles.create}`} secretLabel="Copy it now:" aria-label="Create a token">
      <div className={styles.createRow}>
        <label className="field">
          Token name
          <input type="text" name="name" required maxLength={100} placeholder="e.g. export script on the newsroom server" autoComplete="off" />
        </label>
        <button type="submit" className="btn btn-primary">Create token</button>
      </div>
    </ActionForm>
  );
}

/** The user's tokens, newest first, without their secrets. */
export function TokensTable({ tokens, revoke }: { tokens: TokenRow[]; revoke: FormAction }) {
  if (tokens.length === 0) return <p className={`muted ${styles.none}`}>You have no tokens yet.</p>;
  return (
    <div className={styles.scroll}>
      <table className="table" aria-label="API tokens">
        <thead>
          <tr>
            <th>Name</th>
            <th>Token</th>
            <th>Created</th>
            <th>Last used</th>
            <th><span className="sr-only">Status or action</span></th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`token-${t.name}`} className={t.revokedAt ? styles.revoked : undefined}>
              <td className={styles.name}>{t.name}</td>
              <td><code className={styles.prefix}>{t.tokenPrefix}…</code></td>
              <td className="small">{formatMoment(t.createdAt)}</td>
              <td className="small">{formatMoment(t.lastUsedAt) ?? <span className="muted">never</span>}</td>
              <td className={styles.actions}>
                {t.revokedAt ? (
                  <span className="badge badge-rejected" title={`Revoked ${formatMoment(t.revokedAt)}`}>revoked</span>
                ) : (
                  <ActionForm action={revoke} inline aria-label={`Revoke ${t.name}`}>
                    <input type="hidden" name="tokenId" value={t.id} />
                    <button type="submit" className="btn btn-small btn-danger">Revoke</button>
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
