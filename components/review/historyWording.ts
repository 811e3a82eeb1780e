/**
 * History entries in human words: which fields changed, named as a reviewer says them, with
 * values written out. Internals (the anchoring prefix and suffix, version counters, ids,
 * timestamps, raw JSON attributes) never show; attributes are unfolded into "Speaker",
 * "Quote kind", "Verdict". Pure, for components/review/HistoryTimeline.tsx's Fields (which
 * calls historyRows(entry) instead of its own key/show) and its "· review 12" suffix
 * (entityWords). Shaped after lib/data/history.ts's HistoryEntry.
 */
import { VERDICT_LABELS } from '@/lib/review/verdictLabels';

export interface WordedEntry {
  before: unknown;
  after: unknown;
  changed: string[];
}

export interface HistoryRow {
  key: string;
  label: string;
  /** null for a creation (nothing before). */
  before: string | null;
  after: string;
}

const LABELS: Record<string, string> = {
  label: 'Label', exact: 'Text', note: 'Note', status: 'Status', relation: 'Relation', decision: 'Decision', reason: 'Reason',
  body: 'Comment', verdict: 'Verdict', rationale: 'Rationale', speaker: 'Speaker', quoteKind: 'Quote kind', span: 'Span',
  title: 'Title', outlet: 'Outlet', url: 'Address', author: 'Author', publishedAt: 'Published', archivedAt: 'Archived',
};

/** Never shown: how the system keeps track, not what a person did. */
const INTERNAL = new Set([
  'id', 'projectId', 'articleId', 'authorId', 'reviewerId', 'annotationId', 'linkId', 'parentId', 'fromAnnotationId', 'toAnnotationId',
  'prefix', 'suffix', 'version', 'substanceVersion', 'targetVersion', 'createdAt', 'updatedAt', 'deletedAt', 'statusBefore', 'sha256', 'importedBy', 'importedAt',
]);

/** Shown for a creation, in this order (when present). */
const SUMMARY = ['label', 'exact', 'speaker', 'quoteKind', 'relation', 'decision', 'reason', 'body', 'verdict', 'rationale', 'note', 'status'];

const WORDS: Record<string, Record<string, string>> = {
  label: { claim: 'Claim', quote: 'Quote', context: 'Context' },
  status: { proposed: 'proposed', accepted: 'accepted', rejected: 'rejected', disputed: 'disputed' },
  relation: { corroborates: 'corroborates', conflicts: 'conflicts with' },
  decision: { accept: 'accepted', reject: 'rejected' },
  quoteKind: { verbatim: 'verbatim', paraphrase: 'paraphrase' },
  verdict: VERDICT_LABELS,
};

const MAX_CHARS = 300;

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The entry's fields with attributes unfolded and start/end joined into one "span". */
function flatten(value: unknown): Record<string, unknown> {
  const { attributes, start, end, ...rest } = record(value);
  const out: Record<string, unknown> = { ...rest, ...record(attributes) };
  if (typeof start === 'number' && typeof end === 'number') out.span = { start, end };
  return out;
}

/** One value in words: ∅ for nothing, names for codes, "characters 12–40" for a span. */
export function wordValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (key === 'span') {
    const { start, end } = value as { start: number; end: number };
    return `characters ${start.toLocaleString('en')}–${end.toLocaleString('en')}`;
  }
  if (typeof value === 'string') {
    const named = WORDS[key]?.[value];
    if (named) return named;
    if (/At$/.test(key) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    return value.length > MAX_CHARS ? `${value.slice(0, MAX_CHARS)}…` : value;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return value.toLocaleString('en');
  if (Array.isArray(value)) return value.map((v) => wordValue(key, v)).join(', ');
  // Anything else nested is an internal shape: say that something changed, not its JSON.
  return 'changed';
}

export function fieldLabel(key: string): string {
  return LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])/g, (_m, c: string) => ` ${c.toLowerCase()}`);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The rows to show for an entry: changed fields (before → after), or a creation's summary. */
export function historyRows(entry: WordedEntry): HistoryRow[] {
  const after = flatten(entry.after);
  if (entry.before) {
    const before = flatten(entry.before);
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .filter((k) => !INTERNAL.has(k) && !same(before[k], after[k]))
      .map((k) => ({ key: k, label: fieldLabel(k), before: wordValue(k, before[k]), after: wordValue(k, after[k]) }));
  }
  const raw = record(entry.after);
  return SUMMARY.filter((k) => after[k] !== undefined && after[k] !== '').map((k) => ({
    key: k,
    label: fieldLabel(k),
    before: k === 'status' && typeof raw.statusBefore === 'string' && raw.statusBefore !== raw.status ? wordValue(k, raw.statusBefore) : null,
    after: wordValue(k, after[k]),
  }));
}

const ENTITY_WORDS: Record<string, string> = { review: 'on a review', comment: 'in the thread', verdict: 'on a verdict', link: 'on a link', annotation: 'on a statement' };

/** "in the thread" instead of "· comment 12": what the entry is about, without its id. */
export function entityWords(entityType: string): string {
  return ENTITY_WORDS[entityType] ?? '';
}
