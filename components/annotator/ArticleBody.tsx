/**
 * The article text, rendered so that the container's textContent equals the stored body
 * character for character: each run of non-newline characters is a <p data-start> holding
 * one text node, and the newlines between them stay as text nodes between the paragraphs
 * (white-space there collapses, so they only separate). Highlights are painted over this
 * DOM with the CSS Custom Highlight API and never change it. The body is focusable so that a
 * keyboard user can select text in it with Shift and the arrow keys.
 *
 * The same markup exists twice: as React elements (ArticleParagraphs) and as an HTML string
 * (bodyHtml) that the reader's server render uses so that the body is not also in the payload.
 */
import styles from './ArticleBody.module.css';

export interface BodySegment {
  kind: 'paragraph' | 'break';
  start: number;
  text: string;
}

/** Splits a body into paragraphs and the newline runs between them, with UTF-16 offsets. */
export function segmentBody(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  const re = /\n+|[^\n]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    segments.push({ kind: m[0][0] === '\n' ? 'break' : 'paragraph', start: m.index, text: m[0] });
  }
  return segments;
}

/** The attributes of the body's container, wherever it is rendered. */
export const bodyContainerProps = (id = 'article-body') => ({
  id, 'data-testid': 'article-body', className: styles.body, lang: 'en', tabIndex: 0, role: 'region', 'aria-label': 'Article text',
});

export function ArticleParagraphs({ body }: { body: string }) {
  return segmentBody(body).map((s) =>
    s.kind === 'paragraph' ? (
      <p key={s.start} data-start={s.start} className={styles.paragraph}>
        {s.text}
      </p>
    ) : (
      s.text
    ),
  );
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]);

/** The inner HTML of the container, the same DOM as ArticleParagraphs renders. */
export function bodyHtml(body: string): string {
  return segmentBody(body).map((s) =>
    s.kind === 'paragraph' ? `<p data-start="${s.start}" class="${escapeHtml(styles.paragraph)}">${escapeHtml(s.text)}</p>` : s.text,
  ).join('');
}
