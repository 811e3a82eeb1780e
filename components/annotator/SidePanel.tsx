'use client';
/**
 * The side panel: filters (label, author), colour mode, and the article's annotations in text
 * order. The list is virtualized (only the rows near its viewport are in the DOM), so an article
 * with thousands of annotations opens and scrolls as fast as one with ten. The selected one
 * opens with its details, its own actions and the extension slot, and is scrolled into view.
 */
import { useEffect, useMemo } from 'react';
import { AnnotationItem, type ItemActions } from './AnnotationItem';
import { PanelHead, type PanelHeadProps } from './PanelHead';
import { useVirtualRows } from './useVirtualRows';
import type { AnnotationView } from './types';
import styles from './Reader.module.css';

export type { Filters } from './PanelHead';

/** `loading`: later pages of the list are still arriving. */
type Props = Omit<PanelHeadProps, 'shown'> & ItemActions & { items: AnnotationView[]; loading?: boolean };

/** A closed row's usual height (label line, up to three lines of text, the author line). */
const ROW_ESTIMATE = 104;

export function SidePanel(props: Props) {
  const { items, total, selectedId } = props;
  const keys = useMemo(() => items.map((a) => a.id), [items]);
  const rows = useVirtualRows(keys, ROW_ESTIMATE);
  const { reveal } = rows;
  useEffect(() => {
    if (selectedId !== null) reveal(keys.indexOf(selectedId));
    // Only when the selection moves, or while the rest of the list arrives (rows before a
    // focused one push it down): a later list update must not scroll the panel back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, props.loading ? keys : null]);

  return (
    <aside className={styles.panel} aria-label="Annotations">
      <PanelHead {...props} shown={items.length} />
      {items.length === 0 ? (
        <p className={styles.panelEmpty}>{total === 0 ? 'No annotations yet. Select text in the article and press 1, 2 or 3.' : 'No annotation matches these filters.'}</p>
      ) : (
        <div className={styles.list} ref={rows.scrollerRef} data-testid="annotation-list">
          <ol className={styles.rows} ref={rows.listRef} style={{ paddingTop: rows.padTop, paddingBottom: rows.padBottom }}>
            {items.slice(rows.first, rows.last).map((a, i) => <AnnotationItem key={a.id} a={a} index={rows.first + i} count={items.length} {...props} />)}
          </ol>
        </div>
      )}
    </aside>
  );
}
