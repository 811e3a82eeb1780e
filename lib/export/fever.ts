/**
 * FEVER: a zip with claims.jsonl and pages.jsonl laid out as the FEVER shared task's data,
 * so the official scorer and FEVER systems read it as is.
 *
 * - pages.jsonl: one page per exported article, as FEVER's wiki-pages: `id` ("article-ID"),
 *   `text` (the body) and `lines` ("0\tfirst sentence\n1\t..."; see ./sentences.ts).
 * - claims.jsonl: one claim a line: `id`, `verifiable`, `label`, `claim`, `evidence` as
 *   `[[[annotation_id, evidence_id, page, line], ...], ...]`: each set is alternative evidence
 *   that suffices alone; an item names the evidence span (annotation id), the link that made
 *   it evidence (evidence id) and a sentence of its page. A span over several sentences gives
 *   several items. The links a final verdict cites form one set (it may span articles); every
 *   other accepted link of the matching relation is a set of its own. NOT ENOUGH INFO goes with
 *   NOT VERIFIABLE and no evidence.
 * - manifest.json: what was exported and every claim left out, with the reason.
 *
 * By default only accepted claims with a final verdict are exported; with an explicit status
 * filter, claims of those statuses are, and one without a final verdict is labelled from its
 * accepted links. A SUPPORTS / REFUTES claim without a usable evidence set is left out (FEVER
 * requires one), as are sets of more than five sentences (the scorer reads five).
 */
import { codePointMapper } from '../anchoring/units';
import { splitSentences, sentenceText, sentencesCovering, type Sentence } from './sentences';
import { zipWriter } from './zip';
import { finalVerdict, type ExportAnnotation, type ExportArticle, type ExportContext, type LinkedRef } from './types';
import type { Verdict } from '../domain';
import { runSink, type Sink } from './sink';

export type FeverLabel = 'SUPPORTS' | 'REFUTES' | 'NOT ENOUGH INFO';
export type FeverEvidence = [number, number, string, number];

/** FEVER's scorer compares at most this many predicted sentences. */
export const FEVER_MAX_EVIDENCE = 5;

const BY_VERDICT: Record<Verdict, FeverLabel> = {
  true: 'SUPPORTS',
  'mostly-true': 'SUPPORTS',
  false: 'REFUTES',
  misleading: 'REFUTES',
  mixed: 'NOT ENOUGH INFO',
  unverifiable: 'NOT ENOUGH INFO',
};

/** The FEVER label of a claim from its verdict, or else from its accepted links. */
function feverLabel(verdict: Verdict | null, accepted: LinkedRef[]): FeverLabel {
  if (verdict) return BY_VERDICT[verdict];
  const supports = accepted.some((l) => l.relation === 'corroborates');
  const refutes = accepted.some((l) => l.relation === 'conflicts');
  if (supports && !refutes) return 'SUPPORTS';
  if (refutes && !supports) return 'REFUTES';
  return 'NOT ENOUGH INFO';
}

export const feverPageId = (articleId: number) => `article-${articleId}`;

/** A claim waiting for the pages of its evidence (they may come later in the stream). */
interface PendingClaim {
  id: number;
  claim: string;
  label: FeverLabel;
  verdict: Verdict | null;
  source: { page: string; start: number; end: number };
  sets: LinkedRef[][];
}

export interface FeverSkip {
  id: number;
  reason: string;
}

/** The evidence sets of a claim as links: the verdict's cited links together, then each other one alone. */
function evidenceLinkSets(label: FeverLabel, accepted: LinkedRef[], cited: number[]): LinkedRef[][] {
  const wanted = label === 'SUPPORTS' ? 'corroborates' : label === 'REFUTES' ? 'conflicts' : null;
  if (!wanted) return [];
  const matching = accepted.filter((l) => l.relation === wanted);
  const together = matching.filter((l) => cited.includes(l.linkId));
  const alone = matching.filter((l) => !cited.includes(l.linkId)).map((l) => [l]);
  return together.length ? [together, ...alone] : alone;
}

/** Why a claim is not exported, or null when it is (default: accepted with a final verdict). */
function exclusion(claim: ExportAnnotation, widened: boolean): string | null {
  if (widened) return null;
  if (claim.status !== 'accepted') return `status ${claim.status}, not accepted`;
  if (!finalVerdict(claim)) return 'no final verdict';
  return null;
}

function pendingClaim(claim: ExportAnnotation, toCpOf: (n: number) => number): PendingClaim {
  const verdict = finalVerdict(claim);
  const accepted = claim.linked.filter((l) => l.status === 'accepted');
  const label = feverLabel(verdict?.verdict ?? null, accepted);
  return {
    id: claim.id,
    claim: claim.exact,
    label,
    verdict: verdict?.verdict ?? null,
    source: { page: feverPageId(claim.articleId), start: toCpOf(claim.start), end: toCpOf(claim.end) },
    sets: evidenceLinkSets(label, accepted, verdict?.evidenceLinkIds ?? []),
  };
}

/** Resolves a set of links to FEVER items (one per sentence, no repeats), or null if a page is missing. */
function resolveSet(set: LinkedRef[], sentencesOf: Map<number, Sentence[]>): FeverEvidence[] | null {
  const items: FeverEvidence[] = [];
  const seen = new Set<string>();
  for (const link of set) {
    const sentences = sentencesOf.get(link.other.articleId);
    if (!sentences) return null;
    for (const line of sentencesCovering(sentences, link.other.start, link.other.end)) {
      const page = feverPageId(link.other.articleId);
      if (seen.has(`${page}\n${line}`)) continue;
      seen.add(`${page}\n${line}`);
      items.push([link.other.annotationId, link.linkId, page, line]);
    }
  }
  return items;
}

/** The claims.jsonl line of a pending claim, or the reason it cannot be one. */
function claimLine(c: PendingClaim, sentencesOf: Map<number, Sentence[]>): { line: string } | { skip: string } {
  const verifiable = c.label === 'NOT ENOUGH INFO' ? 'NOT VERIFIABLE' : 'VERIFIABLE';
  const sets = c.sets
    .map((s) => resolveSet(s, sentencesOf))
    .filter((s): s is FeverEvidence[] => s !== null && s.length > 0 && s.length <= FEVER_MAX_EVIDENCE);
  if (verifiable === 'VERIFIABLE' && sets.length === 0) {
    const relation = c.label === 'SUPPORTS' ? 'corroborating' : 'conflicting';
    return { skip: `${c.label} without an accepted ${relation} link of at most ${FEVER_MAX_EVIDENCE} sentences` };
  }
  const record = { id: c.id, verifiable, label: c.label, claim: c.claim, evidence: verifiable === 'VERIFIABLE' ? sets : [], verdict: c.verdict, source: c.source };
  return { line: JSON.stringify(record) + '\n' };
}

function pageLine(article: ExportArticle, sentences: Sentence[]): string {
  const lines = sentences.map((s, i) => `${i}\t${sentenceText(article.body, s)}`).join('\n');
  return JSON.stringify({ id: feverPageId(article.id), text: article.body, lines }) + '\n';
}

/** The FEVER zip: pages as the articles come, then the claims and the manifest. */
export function feverSink(ctx: ExportContext): Sink<ExportArticle> {
  const zip = zipWriter();
  const pages = zip.open('pages.jsonl');
  const sentencesOf = new Map<number, Sentence[]>();
  const pending: PendingClaim[] = [];
  const skipped: FeverSkip[] = [];
  const widened = ctx.filters.status !== undefined;
  return {
    start: () => [],
    write(article) {
      const sentences = splitSentences(article.body);
      sentencesOf.set(article.id, sentences);
      pages.push(pageLine(article, sentences));
      const toCp = codePointMapper(article.body);
      for (const a of article.annotations) {
        if (a.label !== 'claim') continue;
        const reason = exclusion(a, widened);
        if (reason) skipped.push({ id: a.id, reason });
        else pending.push(pendingClaim(a, toCp));
      }
      return zip.drain();
    },
    end() {
      pages.end();
      let claims = '';
      let written = 0;
      for (const c of pending) {
        const out = claimLine(c, sentencesOf);
        if ('line' in out) {
          claims += out.line;
          written++;
        } else skipped.push({ id: c.id, reason: out.skip });
      }
      zip.add('claims.jsonl', claims);
      zip.add('manifest.json', JSON.stringify(feverManifest(ctx, sentencesOf.size, written, skipped), null, 2) + '\n');
      zip.finish();
      return zip.drain();
    },
  };
}

/** Streams the FEVER zip (see feverSink). */
export function serializeFever(ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<Uint8Array> {
  return runSink(() => feverSink(ctx), articles) as Generator<Uint8Array>;
}

/** manifest.json: what the zip holds, how it was chosen, and the claims left out. */
function feverManifest(ctx: ExportContext, pages: number, claims: number, skipped: FeverSkip[]) {
  return {
    format: 'fever',
    generatedAt: ctx.generatedAt,
    project: ctx.project,
    filters: ctx.filters,
    selection: ctx.filters.status ? 'claims of the given statuses; without a final verdict, labelled from accepted links' : 'accepted claims with a final verdict',
    counts: { pages, claims, skipped: skipped.length },
    files: { 'claims.jsonl': 'FEVER claims: id, verifiable, label, claim, evidence [[[annotation_id, evidence_id, page, line]]]', 'pages.jsonl': 'FEVER wiki-pages: id, text, lines' },
    skipped,
  };
}
