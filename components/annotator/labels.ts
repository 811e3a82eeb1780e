/** Display names and the non-colour cue of each label, for legends and badges. */
import type { Label } from '@/lib/domain';
import { LABEL_STYLE } from './highlightStyles';

export const LABEL_NAMES: Record<Label, string> = { claim: 'Claim', quote: 'Quote', context: 'Context' };
export const LABEL_CUES: Record<Label, string> = {
  claim: LABEL_STYLE.claim.name,
  quote: LABEL_STYLE.quote.name,
  context: LABEL_STYLE.context.name,
};
