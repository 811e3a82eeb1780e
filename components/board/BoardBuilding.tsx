'use client';
/**
 * Shown instead of the board while a big project's board is first built in the background
 * (lib/data/boardClusters.ts): how far it has come, refreshed every two seconds until the
 * board itself is there.
 */
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import type { BoardProgress } from '@/lib/data/boardClusters';
import styles from './board.module.css';

export function BoardBuilding({ progress }: { progress: BoardProgress }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setTimeout(() => router.refresh(), 2_000);
    return () => clearTimeout(timer);
  }, [router, progress.done, progress.total]);
  const share = progress.total ? Math.floor((100 * progress.done) / progress.total) : 0;
  return (
    <div className={`card ${styles.building}`} role="status" data-testid="board-building">
      <p>
        <strong>Building the board for this project.</strong>{' '}
        {progress.total
          ? `${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} statements sorted into clusters.`
          : 'Reading its claims and links…'}
      </p>
      <progress max={100} value={share} aria-label="Board built" />
      <p className="muted small">This happens once, after an update or a large import; the page shows the board as soon as it is ready. Articles and the reader work as usual meanwhile.</p>
    </div>
  );
}
