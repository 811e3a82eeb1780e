import type { Status } from '@/lib/domain';

const TEXT: Record<Status, string> = { proposed: 'Proposed', accepted: 'Accepted', rejected: 'Rejected', disputed: 'Disputed' };

/** The review status of an annotation or link, in the house badge colours. */
export function StatusBadge({ status }: { status: Status }) {
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge">
      {TEXT[status]}
    </span>
  );
}
