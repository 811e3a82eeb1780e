'use client';
/**
 * "Linked · view": the confirmation that a link was made, where the picker was, with a way to
 * the statement it now joins (its article opens with that statement focused and a way back).
 */
import { useEffect } from 'react';
import Link from 'next/link';
import type { Relation } from '@/lib/domain';
import { RELATION_GLYPHS, RELATION_NAMES } from './relations';
import styles from './links.module.css';

export interface MadeLink {
  linkId: number;
  relation: Relation;
  targetName: string;
  href: string;
}

export function LinkedToast({ link, onClose }: { link: MadeLink; onClose: () => void }) {
  useEffect(() => {
    const timer = window.setTimeout(onClose, 8000);
    return () => window.clearTimeout(timer);
  }, [link, onClose]);
  return (
    <div className={styles.toast} role="status" data-testid="linked-toast">
      <span>
        <span aria-hidden="true">{RELATION_GLYPHS[link.relation]}</span> Linked to {link.targetName} as {RELATION_NAMES[link.relation].toLowerCase()}
      </span>
      <span aria-hidden="true">·</span>
      <Link href={link.href} className={styles.toastLink} data-testid="linked-toast-view">view</Link>
      <button type="button" className={styles.toastClose} onClick={onClose} aria-label="Dismiss">×</button>
    </div>
  );
}
