'use client';
/** The selected annotation's links, loaded again whenever its own list of links changes, and deleting one. */
import { useCallback, useEffect, useState } from 'react';
import type { AnnotationView } from '@/components/annotator/types';
import type { LinkFromAnnotation } from '@/lib/data/linkViews';
import { linksApi } from './linksApi';

export function useAnnotationLinks(annotation: AnnotationView, onChanged: () => void) {
  const [links, setLinks] = useState<LinkFromAnnotation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const linkSignature = annotation.links.map((l) => l.id).join(',');

  const reload = useCallback(() => {
    linksApi.ofAnnotation(annotation.id).then(setLinks, (e: Error) => setError(e.message));
  }, [annotation.id]);
  useEffect(() => reload(), [reload, linkSignature]);

  const remove = async (link: LinkFromAnnotation) => {
    setError(null);
    try {
      await linksApi.remove(link.id);
      reload();
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return { links, error, reload, remove };
}
