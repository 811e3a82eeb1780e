/** How each claim verdict is written for people (pure, so client components can use it). */
import type { Verdict } from '../domain';

export const VERDICT_LABELS: Record<Verdict, string> = {
  true: 'True',
  'mostly-true': 'Mostly true',
  mixed: 'Mixed',
  misleading: 'Misleading',
  false: 'False',
  unverifiable: 'Unverifiable',
};
