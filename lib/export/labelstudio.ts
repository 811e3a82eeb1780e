/**
 * Label Studio tasks: a JSON list with one task per article, importable into a Label Studio
 * project whose labeling config is LABEL_STUDIO_CONFIG (also in docs/export.md). A task's
 * `data.text` is the body; its one annotation's `result` holds a `labels` region per span
 * (start / end in Unicode code points, as Label Studio stores them, and the text), per-region
 * `speaker`, `quoteKind`, `verdict` and `note` results sharing the region's id, and a
 * `relation` per link whose two ends are in the article. Links between articles cannot be
 * drawn in Label Studio; they are listed in `data.links` with both annotation ids.
 */
import { codePointMapper } from '../anchoring/units';
import { LABEL_NAME, RELATION_NAME } from './labelNames';
import { finalVerdict, type ExportAnnotation, type ExportArticle, type ExportContext } from './types';
import { VERDICTS } from '../domain';
import { runSink, type Sink } from './sink';

/** The labeling config the tasks are made for (Label Studio project settings, "Code"). */
export const LABEL_STUDIO_CONFIG = `<View>
  <Relations>
    <Relation value="${RELATION_NAME.corroborates}"/>
    <Relation value="${RELATION_NAME.conflicts}"/>
  </Relations>
  <Labels name="label" toName="text">
    <Label value="${LABEL_NAME.claim}"/>
    <Label value="${LABEL_NAME.quote}"/>
    <Label value="${LABEL_NAME.context}"/>
  </Labels>
  <Text name="text" value="$text"/>
  <TextArea name="speaker" toName="text" perRegion="true" visibleWhen="region-selected" whenLabelValue="${LABEL_NAME.quote}"/>
  <Choices name="quoteKind" toName="text" perRegion="true" visibleWhen="region-selected" whenLabelValue="${LABEL_NAME.quote}">
    <Choice value="verbatim"/>
    <Choice value="paraphrase"/>
  </Choices>
  <Choices name="verdict" toName="text" perRegion="true" visibleWhen="region-selected" whenLabelValue="${LABEL_NAME.claim}">
${VERDICTS.map((v) => `    <Choice value="${v}"/>`).join('\n')}
  </Choices>
  <TextArea name="note" toName="text" perRegion="true" visibleWhen="region-selected"/>
</View>
`;

export const regionId = (annotationId: number) => `a${annotationId}`;

type Region = { start: number; end: number };

function perRegion(id: string, region: Region, fromName: string, type: 'textarea' | 'choices', value: string) {
  const payload = type === 'textarea' ? { text: [value] } : { choices: [value] };
  return { id, from_name: fromName, to_name: 'text', type, value: { ...region, ...payload } };
}

/** The results of one span: its labels region and the per-region attributes it has. */
export function spanResults(a: ExportAnnotation, toCp: (n: number) => number) {
  const id = regionId(a.id);
  const region = { start: toCp(a.start), end: toCp(a.end) };
  const out: object[] = [{ id, from_name: 'label', to_name: 'text', type: 'labels', value: { ...region, text: a.exact, labels: [LABEL_NAME[a.label]] } }];
  const { speaker, quoteKind } = a.attributes;
  if (a.label === 'quote' && typeof speaker === 'string' && speaker) out.push(perRegion(id, region, 'speaker', 'textarea', speaker));
  if (a.label === 'quote' && (quoteKind === 'verbatim' || quoteKind === 'paraphrase')) out.push(perRegion(id, region, 'quoteKind', 'choices', quoteKind));
  const verdict = a.label === 'claim' ? finalVerdict(a)?.verdict : undefined;
  if (verdict) out.push(perRegion(id, region, 'verdict', 'choices', verdict));
  if (a.note.trim()) out.push(perRegion(id, region, 'note', 'textarea', a.note));
  return out;
}

/** The Label Studio task of one article. */
export function labelStudioTask(article: ExportArticle) {
  const toCp = codePointMapper(article.body);
  const here = new Set(article.annotations.map((a) => a.id));
  const result: object[] = article.annotations.flatMap((a) => spanResults(a, toCp));
  for (const l of article.links) {
    if (here.has(l.fromAnnotationId) && here.has(l.toAnnotationId)) {
      result.push({ from_id: regionId(l.fromAnnotationId), to_id: regionId(l.toAnnotationId), type: 'relation', direction: 'right', labels: [RELATION_NAME[l.relation]] });
    }
  }
  const links = article.links.map((l) => ({ id: l.id, relation: l.relation, status: l.status, from_id: l.fromAnnotationId, to_id: l.toAnnotationId, to_article_id: l.to.articleId }));
  return {
    data: { text: article.body, article_id: article.id, title: article.title, outlet: article.outlet, url: article.url, links },
    annotations: article.annotations.length ? [{ result }] : [],
  };
}

/** The task list as one JSON array, a task per line. */
export function labelStudioSink(): Sink<ExportArticle> {
  let first = true;
  return {
    start: () => ['['],
    write(article) {
      const chunk = (first ? '\n' : ',\n') + JSON.stringify(labelStudioTask(article));
      first = false;
      return [chunk];
    },
    end: () => ['\n]\n'],
  };
}

/** Streams the task list as one JSON array, a task per line. */
export function serializeLabelStudio(_ctx: ExportContext, articles: Iterable<ExportArticle>): Generator<string> {
  return runSink(labelStudioSink, articles) as Generator<string>;
}
