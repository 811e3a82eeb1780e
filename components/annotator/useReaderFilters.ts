'use client';
/** Which annotations the reader shows (labels, author), and the authors to filter by, by name. */
import { useMemo, useState } from 'react';
import { LABELS, type Label } from '@/lib/domain';
import type { Filters } from './PanelHead';
import type { AnnotationView } from './types';

export function useReaderFilters(list: AnnotationView[], meId: number) {
  const [filters, setFilters] = useState<Filters>({ labels: new Set<Label>(LABELS), author: 'all' });
  const visible = useMemo(() => list.filter((a) => filters.labels.has(a.label)
    && (filters.author === 'all' || a.authorId === (filters.author === 'mine' ? meId : filters.author))), [list, filters, meId]);
  const authors = useMemo(() => [...new Map(list.map((a) => [a.authorId, { id: a.authorId, name: a.authorName }])).values()]
    .sort((a, b) => a.name.localeCompare(b.name)), [list]);
  return { filters, setFilters, visible, authors };
}
