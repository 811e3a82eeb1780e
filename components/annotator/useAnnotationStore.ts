'use client';
/**
 * The reader's annotations: optimistic create (rolled back with a message when the server
 * refuses), edits with If-Match (a 412 reloads and explains), delete with undo, a stack for
 * Ctrl+Z, and polling so colleagues' changes appear within a few seconds.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Label } from '@/lib/domain';
import { annotationsApi, ApiError, type AnnotationInput } from './api';
import type { AnnotationView } from './types';

export const POLL_MS = 2500;

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
  undo?: () => void;
}

type UndoStep = { kind: 'create'; id: number } | { kind: 'delete'; id: number } | { kind: 'update'; id: number; before: AnnotationInput };

export interface Draft {
  label: Label;
  start: number;
  end: number;
  exact: string;
}

let tempIds = 0;

function byText(a: AnnotationView, b: AnnotationView): number {
  return a.start - b.start || a.end - b.end || a.id - b.id;
}

export function useAnnotationStore(opts: { articleId: number; projectId: number; initial: AnnotationView[]; cursor: number; me: { id: number; name: string } }) {
  const [items, setItems] = useState<Map<number, AnnotationView>>(() => new Map(opts.initial.map((a) => [a.id, a])));
  const [notice, setNotice] = useState<Notice | null>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const cursor = useRef(opts.cursor);
  const undoStack = useRef<UndoStep[]>([]);

  const say = useCallback((tone: Notice['tone'], text: string, undo?: () => void) => setNotice({ id: Date.now(), tone, text, undo }), []);
  const put = useCallback((a: AnnotationView) => setItems((m) => new Map(m).set(a.id, a)), []);
  const drop = useCallback((id: number) => setItems((m) => { const n = new Map(m); n.delete(id); return n; }), []);

  /** Shows the draft at once under a temporary id; swaps in the stored one or rolls back. */
  const create = useCallback(async (draft: Draft, onSaved?: (a: AnnotationView) => void): Promise<AnnotationView | null> => {
    const temp: AnnotationView = {
      id: -++tempIds, articleId: opts.articleId, projectId: opts.projectId, authorId: opts.me.id, authorName: opts.me.name, ...draft,
      startCodePoint: 0, endCodePoint: 0, prefix: '', suffix: '', note: '', attributes: {}, status: 'proposed', version: 0,
      createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), links: [],
    };
    put(temp);
    try {
      const saved = await annotationsApi.create(opts.articleId, draft);
      setItems((m) => { const n = new Map(m); n.delete(temp.id); return n.set(saved.id, saved); });
      undoStack.current.push({ kind: 'create', id: saved.id });
      onSaved?.(saved);
      return saved;
    } catch (error) {
      drop(temp.id);
      say('error', `The ${draft.label} was not saved: ${(error as Error).message}`);
      return null;
    }
  }, [opts.articleId, opts.projectId, opts.me.id, opts.me.name, put, drop, say]);

  /** Reloads one annotation after a 412 and tells the user why their change was not applied. */
  const explainStale = useCallback(async (id: number) => {
    try {
      put(await annotationsApi.get(id));
    } catch {
      drop(id);
    }
    say('error', 'Someone changed this annotation while you were editing. It has been reloaded with their version: make your change again.');
  }, [put, drop, say]);

  const update = useCallback(async (id: number, changes: AnnotationInput, recordUndo = true): Promise<boolean> => {
    const current = itemsRef.current.get(id);
    if (!current) return false;
    try {
      const saved = await annotationsApi.update(id, current.version, changes);
      put(saved);
      if (recordUndo) {
        const before: AnnotationInput = {};
        for (const k of Object.keys(changes) as Array<keyof AnnotationInput>) if (k !== 'exact') Object.assign(before, { [k]: current[k] });
        undoStack.current.push({ kind: 'update', id, before });
      }
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) await explainStale(id);
      else say('error', `Not saved: ${(error as Error).message}`);
      return false;
    }
  }, [put, say, explainStale]);

  const restore = useCallback(async (id: number) => {
    try {
      put(await annotationsApi.restore(id));
      say('info', 'Delete undone.');
    } catch (error) {
      say('error', `Could not undo: ${(error as Error).message}`);
    }
  }, [put, say]);

  const remove = useCallback(async (id: number, recordUndo = true) => {
    const current = itemsRef.current.get(id);
    if (!current) return;
    drop(id);
    try {
      await annotationsApi.remove(id, current.version);
      if (recordUndo) undoStack.current.push({ kind: 'delete', id });
      say('info', `Deleted the ${current.label} “${current.exact.slice(0, 40)}${current.exact.length > 40 ? '…' : ''}”.`, () => void restore(id));
    } catch (error) {
      put(current);
      if (error instanceof ApiError && error.status === 412) await explainStale(id);
      else say('error', `Not deleted: ${(error as Error).message}`);
    }
  }, [drop, put, say, restore, explainStale]);

  /** Ctrl+Z: reverses the user's most recent change that is still undoable. */
  const undo = useCallback(async () => {
    const step = undoStack.current.pop();
    if (!step) return say('info', 'Nothing to undo.');
    if (step.kind === 'create') await remove(step.id, false);
    else if (step.kind === 'delete') await restore(step.id);
    else if (await update(step.id, step.before, false)) say('info', 'Edit undone.');
  }, [remove, restore, update, say]);

  useEffect(() => {
    let stopped = false;
    const timer = window.setInterval(async () => {
      if (document.hidden) return;
      try {
        const changes = await annotationsApi.since(opts.articleId, cursor.current);
        if (stopped) return;
        cursor.current = changes.cursor;
        if (changes.annotations.length === 0 && changes.deletedIds.length === 0) return;
        setItems((m) => {
          const n = new Map(m);
          for (const a of changes.annotations) if ((n.get(a.id)?.version ?? -1) <= a.version) n.set(a.id, a);
          for (const id of changes.deletedIds) n.delete(id);
          return n;
        });
      } catch {
        /* a missed poll is retried on the next tick */
      }
    }, POLL_MS);
    return () => { stopped = true; window.clearInterval(timer); };
  }, [opts.articleId]);

  /** Fetches one annotation again (after another feature changed it, e.g. a review). */
  const refresh = useCallback(async (id: number) => {
    try {
      put(await annotationsApi.get(id));
    } catch {
      drop(id);
    }
  }, [put, drop]);

  const list = useMemo(() => [...items.values()].sort(byText), [items]);
  return { list, items, notice, setNotice, say, create, update, remove, undo, refresh };
}
