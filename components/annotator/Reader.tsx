'use client';
/**
 * The reader: the article body (rendered once by the server and never re-rendered here),
 * highlights painted over it, the selection toolbar, the side panel, the editor and notices.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Label, Role } from '@/lib/domain';
import { useAnnotationStore } from './useAnnotationStore';
import { scrollToSpan, useHighlighter } from './useHighlighter';
import { useReaderKeys } from './useReaderKeys';
import { extendSelectionByKey, useSelectionDraft } from './useSelectionDraft';
import { SelectionToolbar } from './SelectionToolbar';
import { SidePanel, type Filters } from './SidePanel';
import { EditDialog } from './EditDialog';
import { Tooltip } from './Tooltip';
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
  initial: AnnotationView[];
  cursor: number;
  speakers: string[];
  focusId: number | null;
  children: ReactNode;
}

interface TipState { ids: number[]; x: number; y: number; source: 'mouse' | 'key' }

export function Reader(props: Props) {
  const { articleId, projectId, me, role } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const store = useAnnotationStore({ articleId, projectId, initial: props.initial, cursor: props.cursor, me });
  const [filters, setFilters] = useState<Filters>({ labels: new Set<Label>(['claim', 'quote', 'context']), author: 'all' });
  const [mode, setMode] = useState<ColourMode>('label');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [tip, setTip] = useState<TipState | null>(null);
  const canWrite = role !== 'viewer';

  const visible = useMemo(() => store.list.filter((a) => filters.labels.has(a.label)
    && (filters.author === 'all' || a.authorId === (filters.author === 'mine' ? me.id : filters.author))), [store.list, filters, me.id]);
  const { highlighter, body, slots } = useHighlighter(rootRef, store.list, visible, mode, selectedId);
  const { draft, setDraft, readSelection } = useSelectionDraft(highlighter, rootRef, body, canWrite);
  const authors = useMemo(() => [...new Map(store.list.map((a) => [a.authorId, { id: a.authorId, name: a.authorName }])).values()]
    .sort((a, b) => a.name.localeCompare(b.name)), [store.list]);

  const select = useCallback((id: number | null, opts: { scroll?: boolean; flash?: boolean; tip?: boolean } = {}) => {
    setSelectedId(id);
    if (id === null) return setTip(null);
    if (opts.scroll) scrollToSpan(highlighter.current, id, opts.flash ?? true);
    const rect = highlighter.current?.rects(id)[0];
    const root = rootRef.current?.getBoundingClientRect();
    setTip(opts.tip && rect && root ? { ids: [id], x: rect.left - root.left, y: rect.bottom - root.top + 6, source: 'key' } : null);
  }, [highlighter]);

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
  }, [draft, body, store, setDraft]);

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

  const onMouseMove = (e: React.MouseEvent) => {
    const h = highlighter.current;
    if (!h || e.buttons) return;
    const hits = h.hitTest(e.clientX, e.clientY);
    h.setState('hover', hits[0]?.id ?? null);
    const root = rootRef.current!.getBoundingClientRect();
    if (hits.length) setTip({ ids: hits.map((s) => s.id), x: e.clientX - root.left + 12, y: e.clientY - root.top + 18, source: 'mouse' });
    else setTip((t) => (t?.source === 'mouse' ? null : t));
  };

  const onMouseUp = (e: React.MouseEvent) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return readSelection(e.altKey);
    setDraft(null);
    const hit = highlighter.current?.hitTest(e.clientX, e.clientY)[0];
    if (hit) select(hit.id);
  };

  const editing = editingId === null ? undefined : store.items.get(editingId);
  const tipItems = (tip?.ids ?? []).map((id) => store.items.get(id)).filter((a): a is AnnotationView => !!a);

  return (
    <div className={styles.layout}>
      <div className={styles.readingColumn} ref={rootRef} onMouseMove={onMouseMove} onMouseUp={onMouseUp}
        onMouseLeave={() => { highlighter.current?.setState('hover', null); setTip((t) => (t?.source === 'mouse' ? null : t)); }}
        onKeyDown={extendSelectionByKey} onKeyUp={(e) => { if (e.shiftKey && e.key.startsWith('Arrow')) readSelection(e.altKey, false); }}>
        {props.children}
        {draft ? <SelectionToolbar top={draft.top} left={draft.left} onPick={tag} onCancel={() => setDraft(null)} /> : null}
        {tip && !draft ? <Tooltip items={tipItems} x={tip.x} y={tip.y} /> : null}
      </div>
      <SidePanel items={visible} total={store.list.length} filters={filters} onFilters={setFilters} authors={authors} mode={mode} onMode={setMode}
        selectedId={selectedId} onSelect={(id) => select(id, { scroll: true, flash: true })} onEdit={setEditingId}
        onDelete={(id) => { void store.remove(id); setSelectedId(null); }} me={me.id} role={role} projectId={projectId} articleId={articleId}
        onChanged={(id) => void store.refresh(id)} authorColour={(id) => AUTHOR_COLOURS[(slots.get(id) ?? 0) % AUTHOR_COLOURS.length]} />
      {editing ? <EditDialog annotation={editing} body={body} speakers={props.speakers} onSave={(c) => store.update(editing.id, c)} onClose={() => setEditingId(null)} /> : null}
      <NoticeBar notice={store.notice} onClose={() => store.setNotice(null)} />
    </div>
  );
}
