'use client';
/**
 * The page's single-key shortcuts (the reader's, the review queue's, the links section's l),
 * never while the user is typing: in a text field, a select, an editable element, or an open
 * dialog, whose keys are its own.
 */
import { useEffect, useRef } from 'react';

/** True when a key press belongs to what the user is typing in, not to the page's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest?.('dialog'));
}

/** Calls the latest `onKey` for every key press outside text entry while `enabled`. */
export function useShortcutKeys(onKey: (event: KeyboardEvent) => void, enabled = true): void {
  const latest = useRef(onKey);
  latest.current = onKey;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (!isTyping(event.target)) latest.current(event);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [enabled]);
}
