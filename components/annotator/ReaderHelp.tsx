/** The line under the article's title: the keys on a desktop, the taps on a touch screen (CSS picks one). */
import type { Role } from '@/lib/domain';
import styles from './Reader.module.css';

export function ReaderHelp({ role }: { role: Role }) {
  if (role === 'viewer') return <p className={styles.help}>You can read this project; your role (viewer) does not allow annotating.</p>;
  return (
    <p className={styles.help}>
      <span className={styles.helpKeys}>
        Select text and press <kbd>1</kbd> claim, <kbd>2</kbd> quote, <kbd>3</kbd> context (hold <kbd>Alt</kbd> to skip snapping to words).{' '}
        <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>e</kbd> edit, <kbd>Del</kbd> delete, <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo.
      </span>
      <span className={styles.helpTouch}>Select text, then tap Claim, Quote or Context. Tap a highlight to open it below the article.</span>
    </p>
  );
}
