'use client';
/**
 * The reader's annotations: optimistic create (rolled back with a message when the server
 * refuses), edits with If-Match (a stale version reloads and explains), delete with undo, a
 * stack for Ctrl+Z, and polling so colleagues' changes appear within a few seconds.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '@/lib/client/api';
import { annotationsApi, type AnnotationInput } from './annotationsApi';
import { mergeChanges, optimisticView, valuesBefore, type Draft, type DraftContext } from './annotationItems';
import { useAnnotationItems } from './useAnnotationItems';
import { useAnnotationPolling } from './useAnnotationPolling';
import { useNotice } from './useNotice';
import { useUndoStack } from './useUndoStack';
import type { AnnotationView } from './types';

const isStale = (error: unknown) => error instanceof ApiError && error.code === 'precondition_failed';
const messageOf = (error: unknown) => (error as Error).message;

export function useAnnotationStore(opts: DraftContext & { initial: AnnotationView[]; nextPage: string | null; cursor: number }) {
  const { articleId, projectId, me } = opts;
  const { items, itemsRef, setItems, put, drop, replace, list } = useAnnotationItems(opts.initial);
  const { notice, setNotice, say } = useNotice();
  const { record, undoWith, forget } = useUndoStack();
  const loading = useRestOfList(articleId, opts.nextPage, setItems, say);
  useAnnotationPolling(articleId, projectId, opts.cursor, setItems);

  /** Shows the draft at once under a temporary id; swaps in the stored one or rolls back. */
  const create = useCallback(async (draft: Draft, onSaved?: (a: AnnotationView) => void): Promise<AnnotationView | null> => {
    const temp = optimisticView(draft, { articleId, projectId, me: { id: me.id, name: me.name } });
    put(temp);
    try {
      const saved = await annotationsApi.create(articleId, draft);
      replace(temp.id, saved);
      record({ kind: 'create', id: saved.id });
      onSaved?.(saved);
      return saved;
    } catch (error) {
      drop(temp.id);
      say('error', `The ${draft.label} was not saved: ${messageOf(error)}`);
      return null;
    }
  }, [articleId, projectId, me.id, me.name, put, drop, replace, record, say]);

  /** Fetches one annotation again (after a stale write, or another feature changed it, e.g. a review). */
  const refresh = useCallback(async (id: number) => {
    try {
      put(await annotationsApi.get(id));
    } catch {
      drop(id);
    }
  }, [put, drop]);

  /** Reloads one annotation after a stale write and tells the user why their change was not applied. */
  const explainStale = useCallback(async (id: number) => {
    await refresh(id);
    say('error', 'Someone changed this annotation while you were editing. It has been reloaded with their version: make your change again.');
  }, [refresh, say]);

  /**
   * Saves `changes` against `baseVersion`, the version the person edited (the edit dialog's when
   * it opened): a live update that arrived meanwhile must make the save stale (412), not be
   * overwritten. Without it, the version shown now.
   */
  const update = useCallback(async (id: number, changes: AnnotationInput, recordUndo = true, baseVersion?: number): Promise<boolean> => {
    const current = itemsRef.current.get(id);
    if (!current) return false;
    try {
      put(await annotationsApi.update(id, baseVersion ?? current.version, changes));
      if (recordUndo) record({ kind: 'update', id, before: valuesBefore(current, changes) });
      return true;
    } catch (error) {
      if (isStale(error)) await explainStale(id);
      else say('error', `Not saved: ${messageOf(error)}`);
      return false;
    }
  }, [itemsRef, put, record, say, explainStale]);

  const restore = useCallback(async (id: number) => {
    try {
      put(await annotationsApi.restore(id));
      say('info', 'Delete undone.');
    } catch (error) {
      say('error', `Could not undo: ${messageOf(error)}`);
    }
  }, [put, say]);

  const remove = useCallback(async (id: number, recordUndo = true) => {
    const current = itemsRef.current.get(id);
    if (!current) return;
    drop(id);
    try {
      await annotationsApi.remove(id, current.version);
      if (recordUndo) record({ kind: 'delete', id });
      // The toast's Undo and Ctrl+Z share one history: undoing here takes the step out of it.
      say('info', `Deleted the ${current.label} “${current.exact.slice(0, 40)}${current.exact.length > 40 ? '…' : ''}”.`, () => {
        forget((step) => step.kind === 'delete' && step.id === id);
        void restore(id);
      });
    } catch (error) {
      put(current);
      if (isStale(error)) await explainStale(id);
      else say('error', `Not deleted: ${messageOf(error)}`);
    }
  }, [itemsRef, drop, put, record, forget, say, restore, explainStale]);

  /** Ctrl+Z: reverses the user's most recent change that is still undoable. */
  const undo = useCallback(() => undoWith({ remove, restore, update, say }), [undoWith, remove, restore, update, say]);

  return { list, items, loading, notice, setNotice, say, create, update, remove, undo, refresh };
}

/**
 * The server sends only the first page of a long article's annotations; the rest follow in pages
 * right after first paint. A page never overwrites a newer version the poll or an edit brought.
 */
function useRestOfList(articleId: number, first: string | null, setItems: Awaited<ReturnType<typeof useAnnotationItems>>['setItems'], say: Awaited<ReturnType<typeof useNotice>>['say']): boolean {
  const [loading, setLoading] = useState(first !== null);
  useEffect(() => {
    if (first === null) return;
    let stopped = false;
    void (async () => {
      let next: string | null = first;
      try {
        while (next !== null && !stopped) {
          const page = await annotationsApi.page(articleId, next);
          if (stopped) return;
          setItems((items) => mergeChanges(items, { annotations: page.annotations, deletedIds: [] }));
          next = page.nextCursor;
        }
      } catch (error) {
        say('error', `Some annotations could not be loaded: ${messageOf(error)} Reload the page to try again.`);
      }
      if (!stopped) setLoading(false);
    })();
    return () => { stopped = true; };
  }, [articleId, first, setItems, say]);
  return loading;
}
