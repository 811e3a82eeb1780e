'use client';
/** What a web import did with one page: where each field came from, the start of the text, and what was left out. */
import type { WebImportSummary } from '@/lib/data/imports';
import styles from './WebImportDetails.module.css';

const FIELDS: Array<[keyof WebImportSummary['metadata'], string]> = [
  ['title', 'Title'],
  ['outlet', 'Outlet'],
  ['author', 'Author'],
  ['publishedAt', 'Published'],
  ['modifiedAt', 'Modified'],
  ['url', 'Address'],
];

const SOURCE_NAMES: Record<string, string> = { 'json-ld': 'JSON-LD', og: 'OpenGraph', meta: '<meta>', title: '<title>', link: 'canonical link', h1: 'first heading', readability: 'Readability', file: 'file name' };

export function WebImportDetails({ web }: { web: WebImportSummary }) {
  const rows = FIELDS.filter(([key]) => web.metadata[key]);
  return (
    <div className={styles.box}>
      <table className={styles.meta} aria-label="Metadata and its sources">
        <tbody>
          {rows.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className={styles.value}>{web.metadata[key]}</td>
              <td><span className={styles.source}>{SOURCE_NAMES[web.metadataSources[key] ?? ''] ?? web.metadataSources[key] ?? 'stated'}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      {web.finalUrl && <p className={styles.line}>Fetched from <span className={styles.value}>{web.finalUrl}</span></p>}
      <blockquote className={styles.excerpt} aria-label="Start of the imported text">{web.excerpt}{web.excerpt.length >= 400 ? '…' : ''}</blockquote>
      <details className={styles.removed} open={web.removed.blocks > 0}>
        <summary>
          Removed {web.removed.blocks} {web.removed.blocks === 1 ? 'block' : 'blocks'} of page text ({web.removed.characters} characters)
        </summary>
        <ul aria-label="Removed from the page">
          {web.removed.groups.map((g) => (
            <li key={g.kind}>
              <strong>{g.kind}</strong> ×{g.count}: <span className="muted">{g.samples.map((s) => `“${s}”`).join(', ')}</span>
            </li>
          ))}
        </ul>
      </details>
      <p className={`muted ${styles.line}`}>Original page kept, sha256 <code>{web.rawSha256.slice(0, 12)}…</code></p>
    </div>
  );
}
