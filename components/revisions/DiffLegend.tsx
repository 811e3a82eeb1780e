/** What the marks of the revision diff mean. */
import styles from './revisions.module.css';

export function DiffLegend() {
  return (
    <p className={styles.legend}>
      <span><del className={styles.del}>struck</del> deleted</span>
      <span><ins className={styles.ins}>shaded</ins> inserted</span>
      <span><mark className={`${styles.mark} ${styles.claim}`}>claim</mark> <mark className={`${styles.mark} ${styles.quote}`}>quote</mark> <mark className={`${styles.mark} ${styles.context}`}>context</mark></span>
      <span><mark className={`${styles.mark} ${styles.claim} ${styles.editedMark}`}>edited</mark> <mark className={`${styles.mark} ${styles.claim} ${styles.movedMark}`}>moved</mark> <mark className={`${styles.mark} ${styles.claim} ${styles.orphanedMark}`}>orphaned</mark></span>
    </p>
  );
}
