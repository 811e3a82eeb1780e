'use client';
/**
 * The reader: the article body (rendered once by the server and never re-rendered here),
 * highlights painted over it, the selection toolbar, the side panel, the editor and notices.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Label, Role } from '@/lib/domain';
import { useAnnotationStore } from './useAnnotationStore';
import { useHighlighter } from './useHighlighter';
import { useReaderFilters } from './useReaderFilters';
import { useReaderKeys } from './useReaderKeys';
import { useReaderSelection } from './useReaderSelection';
import { extendSelectionByKey, onSelectionKeyUp, useSelectionDraft, useTouchSelection } from './useSelectionDraft';
import { readerPointerHandlers } from './readerPointer';
import { SelectionToolbar } from './SelectionToolbar';
import { SidePanel } from './SidePanel';
import { EditDialog } from './EditDialog';
import { Tooltip } from './Tooltip';
import { SelectionRing } from './SelectionRing';
import { NoticeBar } from './NoticeBar';
import type { ColourMode } from './highlighter';
import { AUTHOR_COLOURS } from './highlightStyles';
import type { AnnotationView } from './types';
import styles from './Reader.module.css';

interface Props {
  articleId: number;
  projectId: number;
  me: { id: number; name: string };
  role: Role;
  /** The first page of annotations in text order; `nextPage` fetches the rest, `total` counts all. */
  initial: AnnotationView[];
  nextPage: string | null;
  total: number;
  cursor: number;
  speakers: string[];
  focusId: number | null;
  children: ReactNode;
}

export function Reader(props: Props) {
  const { articleId, projectId, me, role } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const store = useAnnotationStore({ articleId, projectId, initial: props.initial, nextPage: props.nextPage, cursor: props.cursor, me });
  const { filters, setFilters, visible, authors } = useReaderFilters(store.list, me.id);
  const [mode, setMode] = useState<ColourMode>('label');
  const [editingId, setEditingId] = useState<number | null>(null);
  const { highlighter, body, slots } = useHighlighter(rootRef, store.list, visible, mode);
  const { selectedId, setSelectedId, tip, setTip, select, dropMouseTip } = useReaderSelection(highlighter, rootRef);
  const { draft, setDraft, readSelection } = useSelectionDraft(highlighter, rootRef, body, role !== 'viewer');
  useTouchSelection(readSelection);

  // Only on first load: later list changes must not scroll the reader back.
  const focusDone = useRef(false);
  useEffect(() => {
    if (!body || focusDone.current) return;
    focusDone.current = true;
    if (props.focusId !== null && store.items.has(props.focusId)) select(props.focusId, { scroll: true, flash: true });
  }, [body, props.focusId, select, store.items]);

  const tag = useCallback((label: Label) => {
    if (!draft) return;
    setDraft(null);
    window.getSelection()?.removeAllRanges();
    void store.create({ label, start: draft.start, end: draft.end, exact: body.slice(draft.start, draft.end) }, (saved) => setSelectedId(saved.id));
  }, [draft, body, store, setDraft, setSelectedId]);

  const selected = selectedId === null ? undefined : store.items.get(selectedId);
  const ownSelected = selected && selected.authorId === me.id && selected.id > 0 ? selected : undefined;

  useReaderKeys({
    hasDraft: () => draft !== null,
    tag,
    cancel: () => { if (draft) { setDraft(null); window.getSelection()?.removeAllRanges(); } else select(null); },
    move: (delta) => {
      if (visible.length === 0) return;
      const at = visible.findIndex((a) => a.id === selectedId);
      const next = at === -1 ? (delta > 0 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, at + delta));
      select(visible[next].id, { scroll: true, flash: false, tip: true });
    },
    edit: () => { if (ownSelected) setEditingId(ownSelected.id); },
    remove: () => { if (ownSelected) { void store.remove(ownSelected.id); setSelectedId(null); setTip(null); } },
    undo: () => void store.undo(),
  });

  const pointer = readerPointerHandlers({ highlighter, rootRef, readSelection, clearDraft: () => setDraft(null), select, setTip, dropMouseTip });
  const editing = editingId === null ? undefined : store.items.get(editingId);
  const tipItems = (tip?.ids ?? []).map((id) => store.items.get(id)).filter((a): a is AnnotationView => !!a);

  return (
    <div className={styles.layout}>
      <div className={styles.readingColumn} ref={rootRef} {...pointer}
        onKeyDown={extendSelectionByKey} onKeyUp={(e) => onSelectionKeyUp(e, readSelection)}>
        {props.children}
        <SelectionRing highlighter={highlighter} rootRef={rootRef} id={selectedId} label={selected?.label} version={store.list} />
        {draft ? <SelectionToolbar top={draft.top} left={draft.left} onPick={tag} onCancel={() => setDraft(null)} /> : null}
        {tip && !draft ? <Tooltip items={tipItems} x={tip.x} y={tip.y} /> : null}
      </div>
      <SidePanel items={visible} loading={store.loading} total={store.loading ? Math.max(props.total, store.list.length) : store.list.length} filters={filters} onFilters={setFilters} authors={authors} mode={mode} onMode={setMode}
        selectedId={selectedId} onSelect={(id) => select(id, { scroll: true, flash: true })} onEdit={setEditingId}
        onDelete={(id) => { void store.remove(id); setSelectedId(null); }} me={me.id} role={role} projectId={projectId} articleId={articleId}
        onChanged={(id) => void store.refresh(id)} authorColour={(id) => AUTHOR_COLOURS[(slots.get(id) ?? 0) % AUTHOR_COLOURS.length]} />
      {editing ? <EditDialog annotation={editing} body={body} speakers={props.speakers} onSave={(c, version) => store.update(editing.id, c, true, version)} onClose={() => setEditingId(null)} /> : null}
      <NoticeBar notice={store.notice} onClose={() => store.setNotice(null)} />
    </div>
  );
}
