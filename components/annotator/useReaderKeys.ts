'use client';
/** The reader's keys: 1/2/3 tag the selection, Esc cancels, j/k move, e edits, Delete deletes, Ctrl+Z undoes. */
import { useEffect, useRef } from 'react';
import type { Label } from '@/lib/domain';

export interface KeyHandlers {
  hasDraft: () => boolean;
  tag: (label: Label) => void;
  cancel: () => void;
  move: (delta: 1 | -1) => void;
  edit: () => void;
  remove: () => void;
  undo: () => void;
}

const TAGS: Record<string, Label> = { '1': 'claim', '2': 'quote', '3': 'context' };

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('dialog'));
}

export function useReaderKeys(handlers: KeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const h = ref.current;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        return h.undo();
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (h.hasDraft() && TAGS[e.key]) {
        e.preventDefault();
        return h.tag(TAGS[e.key]);
      }
      const actions: Record<string, () => void> = {
        Escape: h.cancel,
        j: () => h.move(1),
        k: () => h.move(-1),
        e: h.edit,
        Delete: h.remove,
        Backspace: h.remove,
      };
      const action = actions[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
