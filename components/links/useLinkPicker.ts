'use client';
/**
 * The link picker's state: the query and its statements, the chosen one, relation, label for an
 * unannotated sentence, rationale, and creating the link (to an annotation, or to a sentence).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Label, Relation } from '@/lib/domain';
import type { AnnotationView } from '@/components/annotator/types';
import { contentTerms, typedTerms } from '@/lib/search/query';
import { linksApi } from './linksApi';
import { useSuggestions } from './useSuggestions';

/** What was linked: the new link and the statement on its other end. */
export interface Linked {
  linkId: number;
  relation: Relation;
  other: { articleId: number; annotationId: number; outlet: string | null; title: string };
}

export function useLinkPicker(annotation: AnnotationView, onLinked: (made: Linked) => void) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [relation, setRelation] = useState<Relation | null>(null);
  const [label, setLabel] = useState<Label>(annotation.label);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { items, error } = useSuggestions(annotation.id, query.trim());
  const terms = useMemo(() => (query.trim() ? typedTerms(query) : contentTerms(annotation.exact)), [query, annotation.exact]);
  const chosen = items?.[active] ?? null;
  useEffect(() => setActive(0), [items]);

  const submit = useCallback(async () => {
    if (!chosen || !relation || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const made = chosen.kind === 'annotation' && chosen.annotationId
        ? { ...(await linksApi.link(annotation.id, chosen.annotationId, relation, note)), annotation: { id: chosen.annotationId } }
        : await linksApi.linkSentence(annotation.id, { articleId: chosen.articleId, start: chosen.start, end: chosen.end, exact: chosen.exact, label }, relation, note);
      onLinked({ linkId: made.link.id, relation, other: { articleId: chosen.articleId, annotationId: made.annotation.id, outlet: chosen.outlet, title: chosen.title } });
    } catch (e) {
      setFailure((e as Error).message);
      setBusy(false);
    }
  }, [chosen, relation, busy, annotation.id, note, label, onLinked]);

  const move = (delta: number) => setActive((i) => Math.max(0, Math.min((items?.length ?? 1) - 1, i + delta)));
  return { query, setQuery, items, error, terms, active, setActive, chosen, move, relation, setRelation, label, setLabel, note, setNote, busy, failure, submit };
}
