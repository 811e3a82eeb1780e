'use client';
/**
 * "3 changes by colleagues since this page was loaded · Show them": a list page tells that it
 * is behind instead of moving under the reader's hands (as Hypothesis does with new
 * annotations). Fed by the tab's live stream; Show them re-renders the page from the server.
 */
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { subscribeLive } from '@/lib/client/liveStream';
import type { LiveChange } from '@/lib/domain';

export const NOTICE_STYLE = { display: 'flex', gap: '0.75rem', alignItems: 'center', flexWrap: 'wrap', margin: '0 0 1rem' } as const;

interface Props {
  /** The project whose changes count; null for every project of the caller. */
  projectId: number | null;
  /** The kinds of change that alter what the page lists. */
  kinds: ReadonlyArray<LiveChange['entityType']>;
  /** What the page lists, for the message ("the review queue"). */
  what: string;
}

export function LiveChanges({ projectId, kinds, what }: Props) {
  const router = useRouter();
  const [count, setCount] = useState(0);
  const [reset, setReset] = useState(false);
  // Keyed by the kinds' contents: a re-render hands a new array with the same kinds.
  const kindList = kinds.join(',');
  useEffect(() => {
    const counted = new Set(kindList.split(','));
    return subscribeLive(projectId, (change) => {
      if ('reset' in change) setReset(true);
      else if (!change.mine && counted.has(change.entityType)) setCount((n) => n + 1);
    });
  }, [projectId, kindList]);
  const show = () => {
    setCount(0);
    setReset(false);
    router.refresh();
  };
  // The live region is always there, so that screen readers announce the notice when it appears.
  return (
    <div aria-live="polite">
      {(count > 0 || reset) && (
        <div className="alert alert-info" data-testid="live-changes" style={NOTICE_STYLE}>
          <span>
            {reset ? `Many changes were made while this tab was offline: ${what} is out of date.` : `${count === 1 ? 'One change' : `${count} changes`} by colleagues since ${what} was loaded.`}
          </span>
          <button type="button" className="btn btn-small" onClick={show}>
            Show them
          </button>
        </div>
      )}
    </div>
  );
}
