/**
 * The article text, rendered so that the container's textContent equals the stored body
 * character for character: each run of non-newline characters is a <p data-start> holding
 * one text node, and the newlines between them stay as text nodes between the paragraphs
 * (white-space there collapses, so they only separate). Highlights are painted over this
 * DOM with the CSS Custom Highlight API and never change it. The body is focusable so that a
 * keyboard user can select text in it with Shift and the arrow keys.
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

export function ArticleBody({ body, id = 'article-body' }: { body: string; id?: string }) {
  return (
    <div id={id} data-testid="article-body" className={styles.body} lang="en" tabIndex={0} role="region" aria-label="Article text">
      {segmentBody(body).map((s) =>
        s.kind === 'paragraph' ? (
          <p key={s.start} data-start={s.start} className={styles.paragraph}>
            {s.text}
          </p>
        ) : (
          s.text
        ),
      )}
    </div>
  );
}
