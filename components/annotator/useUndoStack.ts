'use client';
/** The user's own changes in the reader, most recent last, so Ctrl+Z can reverse them one by one. */
import { useCallback, useRef } from 'react';
import type { AnnotationInput } from './annotationsApi';
import { UndoHistory } from './undoHistory';

export type UndoStep = { kind: 'create'; id: number } | { kind: 'delete'; id: number } | { kind: 'update'; id: number; before: AnnotationInput };

/** How each step is reversed; `false` tells the write not to record itself as a new step. */
export interface Reversals {
  remove: (id: number, record: false) => Promise<void>;
  restore: (id: number) => Promise<void>;
  update: (id: number, changes: AnnotationInput, record: false) => Promise<boolean>;
  say: (tone: 'info', text: string) => void;
}

export function useUndoStack() {
  const steps = useRef(new UndoHistory<UndoStep>());
  const record = useCallback((step: UndoStep) => steps.current.push(step), []);
  /** Takes a step out of the history when it is undone another way (the toast's Undo button). */
  const forget = useCallback((match: (step: UndoStep) => boolean) => void steps.current.take(match), []);

  /** Reverses the most recent change that is still undoable. */
  const undoWith = useCallback(async ({ remove, restore, update, say }: Reversals) => {
    const step = steps.current.pop();
    if (!step) return say('info', 'Nothing to undo.');
    if (step.kind === 'create') await remove(step.id, false);
    else if (step.kind === 'delete') await restore(step.id);
    else if (await update(step.id, step.before, false)) say('info', 'Edit undone.');
  }, []);
  return { record, undoWith, forget };
}
