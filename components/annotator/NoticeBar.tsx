'use client';
/** A short-lived message at the bottom of the screen, with Undo when the change can be undone. */
import { useEffect } from 'react';
import type { Notice } from './useNotice';
import styles from './Reader.module.css';

export function NoticeBar({ notice, onClose }: { notice: Notice | null; onClose: () => void }) {
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(onClose, notice.tone === 'error' ? 9000 : notice.undo ? 7000 : 3500);
    return () => window.clearTimeout(timer);
  }, [notice, onClose]);
  if (!notice) return null;
  return (
    <div className={`${styles.notice} ${notice.tone === 'error' ? styles.noticeError : ''}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="reader-notice">
      <span>{notice.text}</span>
      {notice.undo ? (
        <button type="button" className={styles.noticeAction} onClick={() => { notice.undo?.(); onClose(); }}>
          Undo
        </button>
      ) : null}
      <button type="button" className={styles.noticeClose} onClick={onClose} aria-label="Dismiss">×</button>
    </div>
  );
}
