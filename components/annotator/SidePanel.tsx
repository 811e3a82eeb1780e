'use client';
/**
 * The side panel: filters (label, author), colour mode, and the article's annotations in text
 * order. The selected one opens with its details, its own actions and the extension slot.
 */
import { useEffect, useRef } from 'react';
import { AnnotationItem, type ItemActions } from './AnnotationItem';
import { PanelHead, type PanelHeadProps } from './PanelHead';
import type { AnnotationView } from './types';
import styles from './Reader.module.css';

export type { Filters } from './PanelHead';

type Props = Omit<PanelHeadProps, 'shown'> & ItemActions & { items: AnnotationView[] };

export function SidePanel(props: Props) {
  const { items, total, selectedId } = props;
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = listRef.current?.querySelector<HTMLElement>(`[data-annotation-id="${selectedId}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <aside className={styles.panel} aria-label="Annotations">
      <PanelHead {...props} shown={items.length} />
      {items.length === 0 ? (
        <p className={styles.panelEmpty}>{total === 0 ? 'No annotations yet. Select text in the article and press 1, 2 or 3.' : 'No annotation matches these filters.'}</p>
      ) : (
        <ol className={styles.list} ref={listRef} data-testid="annotation-list">
          {items.map((a) => <AnnotationItem key={a.id} a={a} {...props} />)}
        </ol>
      )}
    </aside>
  );
}
