'use client';
/** The annotation the reviewer came from (?focus=THIS&from=ID in the URL), if any. */
import { useEffect, useState } from 'react';

export function useLinkOrigin(annotationId: number): number | null {
  const [origin, setOrigin] = useState<number | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const from = Number(params.get('from'));
    setOrigin(params.get('focus') === String(annotationId) && Number.isSafeInteger(from) && from > 0 ? from : null);
  }, [annotationId]);
  return origin;
}
