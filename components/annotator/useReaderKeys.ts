'use client';
/** The reader's keys: 1/2/3 tag the selection, Esc cancels, j/k move, e edits, Delete deletes, Ctrl+Z undoes. */
import { LABELS, type Label } from '@/lib/domain';
import { useShortcutKeys } from '@/components/useShortcutKeys';
import { LABEL_KEYS } from './labels';

export interface KeyHandlers {
  hasDraft: () => boolean;
  tag: (label: Label) => void;
  cancel: () => void;
  move: (delta: 1 | -1) => void;
  edit: () => void;
  remove: () => void;
  undo: () => void;
}

const TAGS: Record<string, Label> = Object.fromEntries(LABELS.map((label) => [LABEL_KEYS[label], label]));

export function useReaderKeys(h: KeyHandlers): void {
  useShortcutKeys((e) => {
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
  });
}
