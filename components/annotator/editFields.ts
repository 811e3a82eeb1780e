/** Constants the client-side editor shares with the server's rules. */
import type { Label } from '@/lib/domain';

export type LabelName = Label;
export const LABELS: readonly Label[] = ['claim', 'quote', 'context'];
export const MAX_NOTE_CLIENT = 10_000;
