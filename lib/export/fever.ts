/**
 * FEVER-style JSONL: one record per exported claim. The label comes from the claim's final
 * verdict (true / mostly-true -> SUPPORTS, false / misleading -> REFUTES, mixed /
 * unverifiable -> NOT ENOUGH INFO); a claim without one is labelled from its accepted links
 * (only corroborating -> SUPPORTS, only conflicting -> REFUTES, otherwise NOT ENOUGH INFO).
 * Each evidence set is one accepted link pointing at the linked span (code point offsets in
 * its own article), as FEVER's sets of alternatives that each suffice.
 */
import { codePointMapper } from '../anchoring/units';
import { finalVerdict, type ExportAnnotation, type ExportArticle, type ExportContext, type LinkedRef } from './types';
import type { Verdict } from '../domain';

export type FeverLabel = 'SUPPORTS' | 'REFUTES' | 'NOT ENOUGH INFO';

const BY_VERDICT: Record<Verdict, FeverLabel> = {
  true: 'SUPPORTS',
  'mostly-true': 'SUPPORTS',
  false: 'REFUTES',
  misleading: 'REFUTES',
  mixed: 'NOT ENOUGH INFO',
  unverifiable: 'NOT ENOUGH INFO',
};

/** The FEVER label of a claim from its verdict, or else from its accepted links. */
export function feverLabel(verdict: Verdict | null, accepted: LinkedRef[]): FeverLabel {
  if (verdict) return BY_VERDICT[verdict];
  const supports = accepted.some((l) => l.relation === 'corroborates');
  const refutes = accepted.some((l) => l.relation === 'conflicts');
  if (supports && !refutes) return 'SUPPORTS';
  if (refutes && !supports) return 'REFUTES';
  return 'NOT ENOUGH INFO';
}

function evidenceSets(label: FeverLabel, accepted: LinkedRef[], chosen: number[]) {
  const wanted = label === 'SUPPORTS' ? 'corroborates' : label === 'REFUTES' ? 'conflicts' : null;
  const pool = chosen.length ? accepted.filter((l) => chosen.includes(l.linkId)) : accepted.filter((l) => l.relation === wanted);
  return pool.map((l) => [
    {
      linkId: l.linkId,
      relation: l.relation,
      annotationId: l.other.annotationId,
      articleId: l.other.articleId,
      label: l.other.label,
      start: l.other.startCp,
      end: l.other.endCp,
      text: l.other.exact,
    },
  ]);
}

/** One FEVER record for a claim annotation of `article`. */
export function feverRecord(article: ExportArticle, claim: ExportAnnotation, toCp: (n: number) => number) {
  const verdict = finalVerdict(claim);
  const accepted = claim.linked.filter((l) => l.status === 'accepted');
  const label = feverLabel(verdict?.verdict ?? null, accepted);
  return {
    id: claim.id,
    claim: claim.exact,
    label,
    verifiable: verdict?.verdict === 'unverifiable' ? 'NOT VERIFIABLE' : 'VERIFIABLE',
    verdict: verdict?.verdict ?? null,
    source: { articleId: article.id, title: article.title, outlet: article.outlet, url: article.url, start: toCp(claim.start), end: toCp(claim.end) },
    evidence: evidenceSets(label, accepted, verdict?.evidenceLinkIds ?? []),
  };
}

/** Streams the FEVER JSONL export, one claim per line. */
export function* serializeFever(_ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<string> {
  for (const article of articles) {
    const toCp = codePointMapper(article.body);
    let out = '';
    for (const a of article.annotations) if (a.label === 'claim') out += JSON.stringify(feverRecord(article, a, toCp)) + '\n';
    if (out) yield out;
  }
}
