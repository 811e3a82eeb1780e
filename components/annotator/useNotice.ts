'use client';
/** The reader's one notice at a time (NoticeBar shows it), with Undo when the change can be undone. */
import { useCallback, useState } from 'react';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
  undo?: () => void;
}

export function useNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const say = useCallback((tone: Notice['tone'], text: string, undo?: () => void) => setNotice({ id: Date.now(), tone, text, undo }), []);
  return { notice, setNotice, say };
}
