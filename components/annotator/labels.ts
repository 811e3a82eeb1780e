/** Display names, the non-colour cue and the tagging key of each label, for legends, badges and the toolbar. */
import type { Label } from '@/lib/domain';
import { LABEL_STYLE } from './highlightStyles';

export const LABEL_NAMES: Record<Label, string> = { claim: 'Claim', quote: 'Quote', context: 'Context' };
export const LABEL_CUES: Record<Label, string> = {
  claim: LABEL_STYLE.claim.name,
  quote: LABEL_STYLE.quote.name,
  context: LABEL_STYLE.context.name,
};
/** The key that tags the selection with each label (the toolbar shows it). */
export const LABEL_KEYS: Record<Label, string> = { claim: '1', quote: '2', context: '3' };
