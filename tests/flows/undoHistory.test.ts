/** One undo history for Ctrl+Z and the toast's Undo (issue 14 item 8). */
import { describe, expect, it } from 'vitest';
import { UndoHistory } from '@/components/annotator/undoHistory';

type Step = { kind: 'create' | 'delete' | 'update'; id: number };

describe('UndoHistory', () => {
  it('pops the most recent step first', () => {
    const h = new UndoHistory<Step>();
    h.push({ kind: 'create', id: 1 });
    h.push({ kind: 'delete', id: 2 });
    expect(h.pop()).toEqual({ kind: 'delete', id: 2 });
    expect(h.pop()).toEqual({ kind: 'create', id: 1 });
    expect(h.pop()).toBeUndefined();
  });

  it("a toast's Undo takes its own step out, so Ctrl+Z moves on to the one before", () => {
    const h = new UndoHistory<Step>();
    h.push({ kind: 'create', id: 7 });
    h.push({ kind: 'delete', id: 7 });
    expect(h.take((s) => s.kind === 'delete' && s.id === 7)).toEqual({ kind: 'delete', id: 7 });
    // Ctrl+Z now undoes the creation, not the delete a second time (the old 409).
    expect(h.pop()).toEqual({ kind: 'create', id: 7 });
    expect(h.size).toBe(0);
  });

  it('takes the latest matching step, leaving older ones and others in order', () => {
    const h = new UndoHistory<Step>();
    for (const step of [{ kind: 'delete', id: 3 }, { kind: 'update', id: 4 }, { kind: 'delete', id: 3 }, { kind: 'create', id: 5 }] as Step[]) h.push(step);
    h.take((s) => s.kind === 'delete' && s.id === 3);
    expect([h.pop(), h.pop(), h.pop()]).toEqual([{ kind: 'create', id: 5 }, { kind: 'update', id: 4 }, { kind: 'delete', id: 3 }]);
  });

  it('takes nothing when the step was already undone by Ctrl+Z', () => {
    const h = new UndoHistory<Step>();
    h.push({ kind: 'delete', id: 9 });
    h.pop();
    expect(h.take((s) => s.id === 9)).toBeUndefined();
  });
});
