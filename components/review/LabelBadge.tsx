import type { Label } from '@/lib/domain';
import styles from './LabelBadge.module.css';

/** The label of a span as a small outlined chip, in a darker shade of the label colour for contrast. */
export function LabelBadge({ label }: { label: Label }) {
  return <span className={`${styles.badge} ${styles[label]}`}>{label}</span>;
}
